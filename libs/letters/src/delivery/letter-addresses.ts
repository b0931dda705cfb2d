import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { base32 } from 'rfc4648';

/** Bumped when the key or layout changes; inbound mail keeps verifying older versions it still knows. */
const VERSION = '1';
/** 80 bits: a guessed token is refused at RCPT time, so this only has to outlast online guessing. */
const MAC_BYTES = 10;
const ID_BYTES = 16;
/** 26 bytes in base32 without padding. */
const TOKEN_CHARS = 42;

export type LetterTokenPurpose = 'reply' | 'bounce' | 'message';

/**
 * The addresses that tie mail back to one letter: its Reply-To (`reply+1<hex>@reply-domain`), the envelope sender for
 * bounces (`bounce+1<hex>@...`, VERP) and its Message-ID. Each carries the letter id and a MAC over purpose and id, so
 * inbound mail can thread a reply without a lookup table and a guessed address verifies as nothing. Lower-case
 * base32 (RFC 4648): mail systems may change the case of a local part. 7 + 42 characters stay within the 64 a local
 * part allows.
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
    if (t.length !== 1 + TOKEN_CHARS || t[0] !== VERSION || !/^[a-z2-7]+$/.test(t.slice(1))) return null;
    let bytes: Uint8Array;
    try {
      bytes = base32.parse(t.slice(1).toUpperCase(), { loose: true });
    } catch {
      return null;
    }
    if (bytes.length !== ID_BYTES + MAC_BYTES) return null;
    const id = Buffer.from(bytes.subarray(0, ID_BYTES));
    if (!timingSafeEqual(Buffer.from(bytes.subarray(ID_BYTES)), this.mac(purpose, id))) return null;
    const hex = id.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  private token(purpose: LetterTokenPurpose, letterId: string): string {
    const id = Buffer.from(letterId.replace(/-/g, ''), 'hex');
    const body = Buffer.concat([id, this.mac(purpose, id)]);
    return `${VERSION}${base32.stringify(body, { pad: false }).toLowerCase()}`;
  }

  private mac(purpose: LetterTokenPurpose, id: Buffer): Buffer {
    return createHmac('sha256', this.key).update(`${purpose}:`).update(id).digest().subarray(0, MAC_BYTES);
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
