import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** Bumped when the key or layout changes; inbound mail keeps verifying older versions it still knows. */
const VERSION = '1';
const MAC_BYTES = 8;
const ID_HEX = 32;

export type LetterTokenPurpose = 'reply' | 'bounce' | 'message';

/**
 * The addresses that tie mail back to one letter: its Reply-To (`reply+1<hex>@reply-domain`), the envelope sender for
 * bounces (`bounce+1<hex>@...`, VERP) and its Message-ID. Each carries the letter id and a MAC over purpose and id, so
 * inbound mail can thread a reply without a lookup table and a guessed address verifies as nothing. Lower-case hex:
 * mail systems may change the case of a local part. 7 + 48 characters stay within the 64 a local part allows.
 */
export class LetterAddresses {
  private readonly key: Buffer;

  constructor(
    secretKey: string,
    readonly domain: string,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', secretKey, '', 'rally:letter-addresses', 32));
  }

  replyTo(letterId: string): string {
    return `reply+${this.token('reply', letterId)}@${this.domain}`;
  }

  bounceAddress(letterId: string): string {
    return `bounce+${this.token('bounce', letterId)}@${this.domain}`;
  }

  /** RFC 5322 msg-id with its angle brackets, stable for the letter so retries and replies agree. */
  messageId(letterId: string): string {
    return `<letter.${this.token('message', letterId)}@${this.domain}>`;
  }

  /** The letter id a token carries, or null when it does not verify (unknown version, wrong MAC, malformed). */
  verify(purpose: LetterTokenPurpose, token: string): string | null {
    const t = token.toLowerCase();
    if (t.length !== 1 + ID_HEX + MAC_BYTES * 2 || t[0] !== VERSION || !/^[0-9a-f]+$/.test(t.slice(1))) return null;
    const hex = t.slice(1, 1 + ID_HEX);
    const given = Buffer.from(t.slice(1 + ID_HEX), 'hex');
    const expected = this.mac(purpose, hex);
    if (!timingSafeEqual(given, expected)) return null;
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  private token(purpose: LetterTokenPurpose, letterId: string): string {
    const hex = letterId.replace(/-/g, '').toLowerCase();
    return `${VERSION}${hex}${this.mac(purpose, hex).toString('hex')}`;
  }

  private mac(purpose: LetterTokenPurpose, hex: string): Buffer {
    return createHmac('sha256', this.key).update(`${purpose}:${hex}`).digest().subarray(0, MAC_BYTES);
  }
}

/**
 * From: the organisation's sending address with the supporter's name as display name, "Amina K. via Child Rights
 * Now": ministries see who wrote, and the organisation's domain (its SPF and DKIM) carries the mail.
 */
export function letterSender(
  supporter: { firstName: string; lastName: string },
  organisation: string,
  address: string,
): string {
  const initial = supporter.lastName.trim() ? ` ${[...supporter.lastName.trim()][0]!.toUpperCase()}.` : '';
  const display = `${supporter.firstName.trim()}${initial} via ${organisation}`.replace(/[\r\n]+/g, ' ');
  return `"${display.replace(/["\\]/g, (c) => `\\${c}`)}" <${address}>`;
}
