import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { RelaySealBrokenError } from '../mail.exception.js';

/** GCM's standard 96-bit nonce, random per seal: at a few seals per organisation a collision is out of reach. */
const IV_BYTES = 12;
const TAG_BYTES = 16;
const PART = /^[A-Za-z0-9_-]+$/;

/**
 * The version names the key: `v1` is derived from SECRET_KEY for this one purpose. Rotating later means a `v2` entry
 * with the new key, sealing with it and still opening `v1` until every relay has been saved again.
 */
const KEY_LABELS = { v1: 'rally relay credentials v1' } as const;
type SealVersion = keyof typeof KEY_LABELS;
const CURRENT: SealVersion = 'v1';

/**
 * Seals relay passwords at rest: AES-256-GCM, `v1.<iv>.<tag>.<ciphertext>` in base64url. The organisation id is
 * authenticated data, so a sealed value copied onto another organisation's row does not open there.
 */
export class RelayCredentialSeal {
  private readonly keys: Map<SealVersion, Buffer>;

  constructor(secretKey: string) {
    this.keys = new Map(
      Object.entries(KEY_LABELS).map(([version, label]) => [
        version as SealVersion,
        Buffer.from(hkdfSync('sha256', secretKey, '', label, 32)),
      ]),
    );
  }

  seal(plain: string, organisationId: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key(CURRENT), iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad(organisationId));
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [CURRENT, ...[iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString('base64url'))].join('.');
  }

  /** The plain text, or RelaySealBrokenError when the value was changed, sealed with another key or is no seal. */
  open(sealed: string, organisationId: string): string {
    const parts = sealed.split('.');
    const [version, ivText, tagText, ciphertextText] = parts;
    if (parts.length !== 4 || !(version in KEY_LABELS)) throw new RelaySealBrokenError('unknown format or version');
    if (![ivText, tagText].every((p) => PART.test(p)) || !(ciphertextText === '' || PART.test(ciphertextText)))
      throw new RelaySealBrokenError('not base64url');
    const iv = Buffer.from(ivText, 'base64url');
    const tag = Buffer.from(tagText, 'base64url');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new RelaySealBrokenError('wrong nonce or tag length');
    const decipher = createDecipheriv('aes-256-gcm', this.key(version as SealVersion), iv, {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(aad(organisationId));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(Buffer.from(ciphertextText, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw new RelaySealBrokenError('authentication failed (changed, or sealed with another SECRET_KEY)');
    }
  }

  private key(version: SealVersion): Buffer {
    return this.keys.get(version) as Buffer;
  }
}

const aad = (organisationId: string): Buffer => Buffer.from(`organisation:${organisationId}`, 'utf8');
