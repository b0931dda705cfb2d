import { createRequire } from 'node:module';
import { isDisposableEmail, isEmailShaped, normaliseEmail } from './email-address.js';

const require = createRequire(import.meta.url);

describe('normaliseEmail', () => {
  it.each([
    ['Jane.Doe+petition@GMail.com', 'janedoe@gmail.com'],
    ['j.a.n.e@googlemail.com', 'jane@gmail.com'],
    ['Jane.Doe+x@outlook.com', 'jane.doe@outlook.com'],
    ['jane.doe+news@example.org', 'jane.doe+news@example.org'],
    ['  JANE@Example.ORG ', 'jane@example.org'],
  ])('%s -> %s', (input, expected) => expect(normaliseEmail(input)).toBe(expected));
});

describe('email checks', () => {
  it('accepts ordinary addresses and refuses what cannot be one', () => {
    expect(isEmailShaped('ana@example.org')).toBe(true);
    expect(isEmailShaped('ana@example')).toBe(false);
    expect(isEmailShaped('ana example@x.org')).toBe(false);
    expect(isEmailShaped('a@b@c.org')).toBe(false);
  });

  it('knows disposable domains from the maintained list', () => {
    expect(isDisposableEmail('x@mailinator.com')).toBe(true);
    expect(isDisposableEmail('x@example.org')).toBe(false);
    expect(isDisposableEmail('x@MAILINATOR.com')).toBe(true);
  });

  it('refuses subdomains of wildcard-listed domains, and only those', () => {
    const wildcard = (require('disposable-email-domains/wildcard.json') as string[]).find(
      (d) => !(require('disposable-email-domains') as string[]).includes(d),
    )!;
    expect(isDisposableEmail(`x@${wildcard}`)).toBe(true);
    expect(isDisposableEmail(`x@any.deep.sub.${wildcard}`)).toBe(true);
    expect(isDisposableEmail(`x@not${wildcard}`)).toBe(false);
    expect(isDisposableEmail('x@mailinator.com.example.org')).toBe(false);
  });
});
