import { RelaySealBrokenError } from '../mail.exception.js';
import { RelayCredentialSeal } from './relay-seal.js';

describe('RelayCredentialSeal', () => {
  const seal = new RelayCredentialSeal('a test secret key that is long enough');
  const org = '5d0c1f0e-2a3b-4c5d-8e9f-0a1b2c3d4e5f';

  it('opens what it sealed, unicode and empty text included, with a fresh nonce each time', () => {
    for (const plain of ['s3cret-Pässwörd 🔑', '', 'x'.repeat(512)])
      expect(seal.open(seal.seal(plain, org), org)).toBe(plain);
    const a = seal.seal('same', org);
    const b = seal.seal('same', org);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(a).not.toContain('same');
  });

  it('refuses a sealed value with any part changed', () => {
    const sealed = seal.seal('the relay password', org);
    const [version, iv, tag, ciphertext] = sealed.split('.');
    const flip = (text: string): string => {
      const bytes = Buffer.from(text, 'base64url');
      bytes[0] ^= 1;
      return bytes.toString('base64url');
    };
    for (const tampered of [
      [version, flip(iv), tag, ciphertext],
      [version, iv, flip(tag), ciphertext],
      [version, iv, tag, flip(ciphertext)],
      [version, iv, tag, ciphertext.slice(0, -2)],
      ['v2', iv, tag, ciphertext],
    ])
      expect(() => seal.open(tampered.join('.'), org)).toThrow(RelaySealBrokenError);
  });

  it('refuses a value sealed with another SECRET_KEY or for another organisation', () => {
    const sealed = seal.seal('the relay password', org);
    expect(() => new RelayCredentialSeal('another secret key, also long enough').open(sealed, org)).toThrow(
      RelaySealBrokenError,
    );
    expect(() => seal.open(sealed, '00000000-0000-4000-8000-000000000000')).toThrow(RelaySealBrokenError);
  });

  it('refuses what is no seal at all', () => {
    for (const junk of ['', 'v1', 'v1...', 'v1.a.b.c', 'plain password', 'v1.!!!!.????.****', 'v1.a.b.c.d'])
      expect(() => seal.open(junk, org)).toThrow(RelaySealBrokenError);
  });
});
