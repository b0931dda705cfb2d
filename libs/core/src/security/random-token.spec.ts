import { randomToken } from './random-token.js';

describe('randomToken', () => {
  it('gives the requested number of bytes as base64url', () => {
    const token = randomToken(24);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(24);
  });

  it('never repeats a token across pool refills', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2_000; i++) seen.add(randomToken(24)); // ~12 refills of the 4 KiB pool
    expect(seen.size).toBe(2_000);
  });

  it('refuses a size larger than its pool', () => {
    expect(() => randomToken(10_000)).toThrow(RangeError);
  });
});
