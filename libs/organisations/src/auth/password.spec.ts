import { burnPasswordCheck, hashPassword, passwordProblems, verifyPassword } from './password.js';

describe('passwords', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const hashed = await hashPassword('a long enough passphrase');
    expect(hashed.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(hashed, 'a long enough passphrase')).toBe(true);
    expect(await verifyPassword(hashed, 'a long enough passphrasE')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });

  it('refuses short, common and email-derived passwords and accepts a long unusual one', () => {
    expect(passwordProblems('vk3-qpz')).toEqual([expect.stringContaining('at least 12')]);
    for (const common of ['password1234', 'qwerty123456!', '123456789012', 'footballfootball', 'abababababab'])
      expect(passwordProblems(common)).toEqual([expect.stringContaining('most common')]);
    expect(passwordProblems('amina.k-rally-2024', 'amina.k@example.org')).toEqual([expect.stringContaining('email')]);
    expect(
      passwordProblems(Array.from({ length: 257 }, (_, i) => String.fromCharCode(97 + ((i * 7) % 26))).join('')),
    ).toEqual([expect.stringContaining('at most 256')]);
    expect(passwordProblems('violet tractor sings at dawn')).toEqual([]);
  });

  it('spends a real verification on unknown accounts', async () => {
    const started = process.hrtime.bigint();
    await burnPasswordCheck('whatever password');
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeGreaterThan(1);
  });
});
