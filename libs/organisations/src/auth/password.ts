import { createRequire } from 'node:module';
import { hash, verify } from '@node-rs/argon2';

/**
 * The list of common passwords, loaded when a password is first checked: only the api ever checks one, so the worker
 * and the inbound server do not hold its tree of ~10,000 words.
 */
let commonPasswords: { check(password: string): boolean } | undefined;
const common = (): { check(password: string): boolean } =>
  (commonPasswords ??= createRequire(import.meta.url)('dumb-passwords') as { check(password: string): boolean });

export const PASSWORD_MIN_LENGTH = 12;
// Bounds the work an attacker can make argon2 do per request.
export const PASSWORD_MAX_LENGTH = 256;

/** argon2id (the library's default) with OWASP's minimum parameters: 19 MiB, 2 passes, 1 lane. */
export const hashPassword = (password: string): Promise<string> =>
  hash(password, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Verifies against a throwaway hash so an unknown email costs as long as a wrong password (no account enumeration by timing). */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('rally-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
}

/** Problems with a new password, empty when acceptable: length bounds and a list of the 10,000 most common passwords. */
export function passwordProblems(password: string, email?: string): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters long`);
  if (password.length > PASSWORD_MAX_LENGTH) problems.push(`must be at most ${PASSWORD_MAX_LENGTH} characters long`);
  if (isCommon(password)) problems.push('is one of the most common passwords; choose another');
  if (
    email &&
    password.toLowerCase().includes(email.toLowerCase().split('@')[0] ?? '') &&
    (email.split('@')[0] ?? '').length >= 4
  )
    problems.push('must not contain your email address');
  return problems;
}

/** The list holds short passwords; long variants of them ("password123!", "qwertyqwerty") are just as guessable. */
function isCommon(password: string): boolean {
  const lowered = password.toLowerCase();
  const core = lowered.replace(/[\d\W_]+$/, '').replace(/^[\d\W_]+/, '');
  if (core.length === 0) return true;
  const repeated = /^(.+?)\1+$/.exec(lowered)?.[1];
  if (repeated !== undefined && repeated.length <= 4) return true;
  return [lowered, core, repeated].some((candidate) => candidate !== undefined && common().check(candidate));
}
