import { PAGE_TEXT } from './i18n/page-text.js';
import { parseSignatureInput } from './signature-input.js';

const now = 1_800_000_000_000;
const valid = {
  firstName: ' Ana ',
  lastName: 'Lima',
  email: 'Ana.Lima+x@Gmail.com',
  country: 'fr',
  region: 'Bretagne',
  startedAt: String(now - 10_000),
  consent: 'on',
};
const parse = (body: Record<string, unknown>) => parseSignatureInput(body, PAGE_TEXT.en, now, 2);

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
    ['startedAt', { startedAt: String(now - 500) }],
    ['startedAt', { startedAt: undefined }],
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

  it('treats a filled honeypot as a bot', () => {
    expect(parse({ ...valid, website: 'http://spam.example' })).toEqual({ kind: 'bot' });
  });

  it('speaks the petition language', () => {
    const result = parseSignatureInput({ ...valid, firstName: '' }, PAGE_TEXT.fr, now, 2);
    expect(result.kind === 'invalid' && result.fields.firstName).toEqual(['Ce champ est obligatoire.']);
  });
});
