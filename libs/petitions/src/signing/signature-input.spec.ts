import { FormStamp } from '#rally/core';
import { pageText } from '../i18n/page-text.js';
import { parseSignatureInput } from './signature-input.js';

const now = 1_800_000_000_000;
const stamps = new FormStamp('the signature-input spec secret key');
const check = (stamp: unknown) => stamps.check(stamp, 2_000, now);
const valid = {
  firstName: ' Ana ',
  lastName: 'Lima',
  email: 'Ana.Lima+x@Gmail.com',
  country: 'fr',
  region: 'Bretagne',
  startedAt: stamps.issue(now - 10_000),
  consent: 'on',
};
const parse = (body: Record<string, unknown>) => parseSignatureInput(body, pageText('en'), check);

describe('parseSignatureInput', () => {
  it('accepts a complete form and normalises it', () => {
    const result = parse(valid);
    expect(result).toEqual({
      kind: 'valid',
      input: expect.objectContaining({
        firstName: 'Ana',
        emailNormalized: 'analima@gmail.com',
        country: 'FR',
        consentGiven: true,
        publicDisplay: false,
        postcode: null,
      }),
    });
  });

  it.each([
    ['firstName', { firstName: '' }],
    ['email', { email: 'not-an-email' }],
    ['email', { email: 'x@mailinator.com' }],
    ['country', { country: 'XX' }],
    ['country', { country: undefined }],
    ['comment', { comment: 'x'.repeat(1001) }],
    ['startedAt', { startedAt: stamps.issue(now - 500) }],
    ['startedAt', { startedAt: undefined }],
    ['startedAt', { startedAt: String(now - 60_000) }],
    ['startedAt', { startedAt: `${now - 60_000}.${stamps.issue(now - 500).split('.')[1]}` }],
    ['startedAt', { startedAt: stamps.issue(now - 2 * 86_400_000) }],
    ['evil', { evil: '1' }],
    ['firstName', { firstName: { $ne: 1 } }],
    ['lastName', { lastName: 'Li\u0000ma' }],
    ['email', { email: 'ana\u0000@example.org' }],
    ['lastName', { lastName: 'Lima \uD800' }],
    ['comment', { comment: '\uDC00 reversed pair \uD83D' }],
  ])('names %s when it is invalid', (field, patch) => {
    const result = parse({ ...valid, ...patch });
    expect(result.kind).toBe('invalid');
    expect(Object.keys(result.kind === 'invalid' ? result.fields : {})).toEqual([field]);
  });

  it('keeps characters outside the Basic Multilingual Plane (whole surrogate pairs)', () => {
    const result = parse({ ...valid, firstName: 'Ana 🌻', comment: '𝄞 music' });
    expect(result.kind === 'valid' && [result.input.firstName, result.input.comment]).toEqual(['Ana 🌻', '𝄞 music']);
  });

  it('refuses a forged stamp like a hurried one, and an old one as expired', () => {
    const forged = parse({ ...valid, startedAt: String(now - 60_000) });
    expect(forged.kind === 'invalid' && forged.fields.startedAt).toEqual([pageText('en').errors.tooFast]);
    const old = parse({ ...valid, startedAt: stamps.issue(now - 2 * 86_400_000) });
    expect(old.kind === 'invalid' && old.fields.startedAt).toEqual([pageText('en').errors.expired]);
  });

  it('treats a filled honeypot as a bot', () => {
    expect(parse({ ...valid, website: 'http://spam.example' })).toEqual({ kind: 'bot' });
  });

  it('speaks the petition language', () => {
    const result = parseSignatureInput({ ...valid, firstName: '' }, pageText('fr'), check);
    expect(result.kind === 'invalid' && result.fields.firstName).toEqual(['Ce champ est obligatoire.']);
  });
});
