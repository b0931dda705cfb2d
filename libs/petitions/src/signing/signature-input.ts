import type { StampCheck } from '#rally/core';
import { checkFormStamp, isChecked, normaliseEmail, readFormText, readSupporterFields } from '#rally/core';
import type { PageText } from '../i18n/page-text.js';

/** A sign request that passed every check, ready to store. */
export interface SignatureInput {
  firstName: string;
  lastName: string;
  email: string;
  emailNormalized: string;
  postcode: string | null;
  region: string | null;
  country: string;
  comment: string | null;
  publicDisplay: boolean;
  consentGiven: boolean;
  source: string | null;
  referrer: string | null;
}

export type SignatureInputResult =
  | { kind: 'valid'; input: SignatureInput }
  | { kind: 'invalid'; fields: Record<string, string[]> }
  /** The honeypot was filled: answered like a success, stored nowhere, so a bot learns nothing. */
  | { kind: 'bot' };

/** What the signer types or ticks: echoed back when the no-JS form is re-rendered with errors. */
export const SIGNER_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'postcode',
  'region',
  'country',
  'comment',
  'publicDisplay',
  'consent',
] as const;

const FIELDS = new Set<string>([...SIGNER_FIELDS, 'startedAt', 'website', 'source', 'referrer']);
const MAX: Record<string, number> = {
  firstName: 100,
  lastName: 100,
  email: 254,
  postcode: 20,
  region: 80,
  comment: 1000,
  source: 100,
  referrer: 500,
};

const text = (v: unknown): string =>
  typeof v === 'string' ? v.trim().replace(/\s+/g, ' ') : typeof v === 'number' ? String(v) : '';

/**
 * Checks a public sign form (urlencoded or JSON) by hand rather than with a class-validator DTO: the no-JS form needs
 * the errors to re-render the page in the petition's language, and this runs on the hottest route.
 */
export function parseSignatureInput(
  body: unknown,
  t: PageText,
  checkStamp: (stamp: unknown) => StampCheck,
): SignatureInputResult {
  const fields: Record<string, string[]> = {};
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { kind: 'invalid', fields: { body: [t.errors.invalid] } };
  const raw = body as Record<string, unknown>;
  for (const key of Object.keys(raw)) if (!FIELDS.has(key)) fields[key] = [t.errors.notAccepted];
  if (text(raw.website) !== '') return { kind: 'bot' };

  const value = (name: string, required: boolean): string | null =>
    readFormText(raw, name, { required, max: MAX[name] }, t.errors, fields);

  const { firstName, lastName, email, postcode, region, country } = readSupporterFields(value, t.errors, fields);
  const comment = value('comment', false);
  const source = value('source', false);
  const referrer = value('referrer', false);

  checkFormStamp(checkStamp(raw.startedAt), t.errors, fields);

  if (Object.keys(fields).length > 0) return { kind: 'invalid', fields };
  return {
    kind: 'valid',
    input: {
      firstName: firstName as string,
      lastName: lastName ?? '',
      email: email as string,
      emailNormalized: normaliseEmail(email as string),
      postcode,
      region,
      country: country as string,
      comment,
      publicDisplay: isChecked(raw.publicDisplay),
      consentGiven: isChecked(raw.consent),
      source,
      referrer,
    },
  };
}
