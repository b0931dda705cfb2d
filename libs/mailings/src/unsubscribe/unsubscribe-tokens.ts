import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** 128 bits: the link is the only credential of the unsubscribe and preferences pages. */
const MAC_BYTES = 16;

/**
 * The secret in a mailing's unsubscribe and preferences links: the recipient row's id and a MAC over it, with a key
 * derived from SECRET_KEY for this purpose only. The recipient row names the run (reports count unsubscribes per run)
 * and the supporter. Tokens do not expire: an unsubscribe link must work for as long as the mail is kept.
 */
export class UnsubscribeTokens {
  private readonly key: Buffer;

  constructor(secretKey: string) {
    this.key = Buffer.from(hkdfSync('sha256', secretKey, 'rally', 'mailings:unsubscribe', 32));
  }

  make(recipientId: string): string {
    return `${recipientId}-${this.mac(recipientId)}`;
  }

  /** The recipient id, or null for anything forged, truncated or malformed. */
  verify(token: string): string | null {
    const m = /^(\d{1,19})-([A-Za-z0-9_-]{22})$/.exec(token);
    if (!m) return null;
    const expected = Buffer.from(this.mac(m[1]!));
    const given = Buffer.from(m[2]!);
    return expected.length === given.length && timingSafeEqual(expected, given) ? m[1]! : null;
  }

  private mac(id: string): string {
    return createHmac('sha256', this.key)
      .update(`recipient:${id}`)
      .digest()
      .subarray(0, MAC_BYTES)
      .toString('base64url');
  }
}
