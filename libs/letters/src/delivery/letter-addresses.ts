import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { base32 } from 'rfc4648';
import type { RallyConfig } from '#rally/core';
import { requireSecretKey } from '#rally/core';
import type { LettersConfig } from '../letters.config.js';

/** A key of reply tokens: its version is the token's first character, so old tokens find their key. */
export interface LetterTokenKey {
  version: string;
  secret: string;
}

/** The version of tokens made from SECRET_KEY when LETTER_TOKEN_KEYS is unset. */
const DEFAULT_VERSION = '1';
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
  private readonly keys: Map<string, Buffer>;
  private readonly current: string;

  /**
   * `keys`: SECRET_KEY (tokens of version 1), or the keys of LETTER_TOKEN_KEYS, the first making new tokens and every
   * one verifying: a key is rotated by adding a version in front and retired by removing it (its tokens then get the
   * same 550 as a forged one). Tokens never expire otherwise: a ministry may answer a year later.
   */
  constructor(
    keys: string | readonly LetterTokenKey[],
    readonly domain: string,
  ) {
    const list = typeof keys === 'string' ? [{ version: DEFAULT_VERSION, secret: keys }] : keys;
    if (list.length === 0) throw new Error('LetterAddresses needs at least one key');
    this.current = list[0]!.version;
    this.keys = new Map(
      list.map((k) => [k.version, Buffer.from(hkdfSync('sha256', k.secret, '', 'rally:letter-addresses', 32))]),
    );
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
    const key = this.keys.get(t[0] ?? '');
    if (t.length !== 1 + TOKEN_CHARS || !key || !/^[a-z2-7]+$/.test(t.slice(1))) return null;
    let bytes: Uint8Array;
    try {
      bytes = base32.parse(t.slice(1).toUpperCase(), { loose: true });
    } catch {
      return null;
    }
    if (bytes.length !== ID_BYTES + MAC_BYTES) return null;
    const id = Buffer.from(bytes.subarray(0, ID_BYTES));
    if (!timingSafeEqual(Buffer.from(bytes.subarray(ID_BYTES)), this.mac(key, purpose, id))) return null;
    const hex = id.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  private token(purpose: LetterTokenPurpose, letterId: string): string {
    const id = Buffer.from(letterId.replace(/-/g, ''), 'hex');
    const body = Buffer.concat([id, this.mac(this.keys.get(this.current)!, purpose, id)]);
    return `${this.current}${base32.stringify(body, { pad: false }).toLowerCase()}`;
  }

  private mac(key: Buffer, purpose: LetterTokenPurpose, id: Buffer): Buffer {
    return createHmac('sha256', key).update(`${purpose}:`).update(id).digest().subarray(0, MAC_BYTES);
  }
}

/** The installation's letter addresses: LETTER_TOKEN_KEYS when set, else SECRET_KEY as version 1. */
export function letterAddressesOf(config: RallyConfig, letters: LettersConfig): LetterAddresses {
  return new LetterAddresses(letters.tokenKeys ?? requireSecretKey(config), letters.replyDomain);
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
