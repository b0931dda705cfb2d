import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { base32 } from 'rfc4648';
import type { RallyConfig } from '#rally/core';
import { requireSecretKey } from '#rally/core';
import type { LettersConfig } from '#rally/letters';

/** The local-part prefixes mailings own at the reply domain (registered with inbound's InboundAddressKinds). */
export const MAILING_RETURN_PREFIX = 'mailing-bounce';
export const MAILING_UNSUBSCRIBE_PREFIX = 'unsubscribe';

export type MailingAddressPurpose = 'return' | 'unsubscribe';

/** 80 bits, as letters' tokens: a guessed address is refused at RCPT time, so this only has to outlast online guessing. */
const MAC_BYTES = 10;
/** 10 bytes in base32 without padding. */
const MAC_CHARS = 16;

/**
 * The addresses that tie mail back to one mailing recipient row: the envelope sender (`mailing-bounce+<id><mac>@`,
 * VERP, for the delivery reports of that one message) and the List-Unsubscribe mailto (`unsubscribe+<id><mac>@`).
 * The row id in decimal, then a MAC over purpose and id in lower-case base32 (mail systems may change a local part's
 * case); a MAC of one purpose never verifies for the other, so an automatic answer to the return path cannot
 * unsubscribe anyone. Key derived from SECRET_KEY for this use only; no expiry: reports and unsubscribe mail come
 * weeks later. 15 + 19 + 16 characters stay within the 64 a local part allows.
 */
export class MailingAddresses {
  private readonly key: Buffer;

  constructor(
    secretKey: string,
    readonly domain: string,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', secretKey, 'rally', 'mailings:inbound-addresses', 32));
  }

  returnPath(recipientId: string): string {
    return `${MAILING_RETURN_PREFIX}+${this.token('return', recipientId)}@${this.domain}`;
  }

  unsubscribeAddress(recipientId: string): string {
    return `${MAILING_UNSUBSCRIBE_PREFIX}+${this.token('unsubscribe', recipientId)}@${this.domain}`;
  }

  /** The local part's token without its prefix; the recipient id, or null for anything forged or malformed. */
  verify(purpose: MailingAddressPurpose, token: string): string | null {
    const m = /^([1-9]\d{0,18})([a-z2-7]{16})$/.exec(token.toLowerCase());
    if (!m) return null;
    const given = Buffer.from(m[2]!);
    const expected = Buffer.from(this.mac(purpose, m[1]!));
    return given.length === expected.length && timingSafeEqual(given, expected) ? m[1]! : null;
  }

  token(purpose: MailingAddressPurpose, recipientId: string): string {
    return `${recipientId}${this.mac(purpose, recipientId)}`;
  }

  private mac(purpose: MailingAddressPurpose, recipientId: string): string {
    const mac = createHmac('sha256', this.key).update(`${purpose}:${recipientId}`).digest().subarray(0, MAC_BYTES);
    return base32.stringify(mac, { pad: false }).toLowerCase().slice(0, MAC_CHARS);
  }
}

/**
 * The RFC 2369 mailto of List-Unsubscribe: Rally's own unsubscribe address for the recipient (inbound reads it,
 * whatever the mail says), or MAILING_UNSUBSCRIBE_MAILTO with the link's token in the subject where an installation
 * reads a mailbox of its own.
 */
export function unsubscribeMailto(
  addresses: MailingAddresses,
  own: string | null,
  recipientId: string,
  linkToken: string,
): string {
  return own
    ? `mailto:${own}?subject=unsubscribe%20${linkToken}`
    : `mailto:${addresses.unsubscribeAddress(recipientId)}?subject=unsubscribe`;
}

/** The installation's mailing addresses: on the reply domain letters use, whose MX is Rally's inbound server. */
export function mailingAddressesOf(config: RallyConfig, letters: LettersConfig): MailingAddresses {
  return new MailingAddresses(requireSecretKey(config), letters.replyDomain);
}
