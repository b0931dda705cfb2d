import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random secret with a recognisable prefix (`rally_`, `rs_`, ...) so leaked ones are easy to spot in logs and scanners. */
export const newSecret = (prefix: string): string => `${prefix}_${randomBytes(32).toString('base64url')}`;

/** Secrets carry 256 random bits, so a fast hash is enough: nothing to brute-force, and lookups stay indexable. */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** The CSRF token of a session: derived from its secret, so only someone holding the httpOnly cookie can know it. */
export const csrfTokenFor = (sessionSecret: string): string =>
  createHash('sha256').update(`csrf:${sessionSecret}`).digest('base64url');

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
