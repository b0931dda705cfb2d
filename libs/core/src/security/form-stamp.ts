import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

export type StampCheck = 'ok' | 'too-fast' | 'expired' | 'forged';

/** A stamp older than this is refused as expired: a form left open longer is sent again with a fresh one. */
export const FORM_STAMP_MAX_AGE_MS = 24 * 3_600_000;

const MAC_BYTES = 16;

/**
 * The time a public form was served, signed so a bot cannot claim it waited: `<ms since epoch>.<HMAC>`.
 * The key is derived from SECRET_KEY for this one purpose, so a leaked stamp key reveals nothing else.
 * Not single-use (a stamp is no credential): it only proves when the form was handed out.
 */
export class FormStamp {
  private readonly key: Buffer;

  constructor(secretKey: string, purpose = 'form-stamp') {
    this.key = Buffer.from(hkdfSync('sha256', secretKey, '', `rally:${purpose}`, 32));
  }

  issue(now = Date.now()): string {
    const at = String(Math.floor(now));
    return `${at}.${this.mac(at)}`;
  }

  check(stamp: unknown, minAgeMs: number, now = Date.now(), maxAgeMs = FORM_STAMP_MAX_AGE_MS): StampCheck {
    if (typeof stamp !== 'string' || stamp.length > 64) return 'forged';
    const dot = stamp.indexOf('.');
    const at = stamp.slice(0, dot);
    if (dot < 1 || !/^\d{1,15}$/.test(at)) return 'forged';
    const given = Buffer.from(stamp.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.mac(at), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'forged';
    const age = now - Number(at);
    if (age < minAgeMs) return 'too-fast';
    return age > maxAgeMs ? 'expired' : 'ok';
  }

  private mac(at: string): string {
    return createHmac('sha256', this.key).update(at).digest().subarray(0, MAC_BYTES).toString('base64url');
  }
}
