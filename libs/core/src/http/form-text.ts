import { isDisposableEmail, isEmailShaped } from '../email/email-address.js';
import { COUNTRY_CODES } from '../i18n/countries.js';
import type { FormErrorTexts } from '../i18n/form-errors.js';
import type { StampCheck } from '../security/form-stamp.js';
import { isUnstorableText } from './unstorable-text.js';

export interface FormTextRule {
  required: boolean;
  max: number;
  /** Free text keeps its line breaks (normalised to \n); one-line fields collapse their spacing. */
  multiline?: boolean;
}

const oneLine = (v: string): string => v.trim().replace(/\s+/g, ' ');
const multiLine = (v: string): string =>
  v
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .trim();

/** Free text as a form field is read: line breaks kept, trailing spaces and the ends trimmed. */
export const tidyMultiline = multiLine;

/**
 * One text field of a public form (urlencoded or JSON), read by hand on the hot path: a number is taken as text,
 * anything else that is not a string is invalid, and so is text PostgreSQL cannot store (NUL, half a surrogate
 * pair). Empty is null (an error when required), too long an error; the error goes under the field's name.
 */
export function readFormText(
  raw: Record<string, unknown>,
  name: string,
  rule: FormTextRule,
  errors: FormErrorTexts,
  fields: Record<string, string[]>,
): string | null {
  const v = raw[name];
  if (
    (v !== undefined && typeof v !== 'string' && typeof v !== 'number') ||
    (typeof v === 'string' && isUnstorableText(v))
  ) {
    fields[name] = [errors.invalid];
    return null;
  }
  const s = v === undefined ? '' : rule.multiline ? multiLine(String(v)) : oneLine(String(v));
  if (s === '') {
    if (rule.required) fields[name] = [errors.required];
    return null;
  }
  if (s.length > rule.max) {
    fields[name] = [errors.tooLong];
    return null;
  }
  return s;
}

/** A ticked box, as a no-JS form (`on`) or a JSON client (`true`, `1`, `yes`) sends it. */
export const isChecked = (v: unknown): boolean => v === true || v === 'on' || v === 'true' || v === '1' || v === 'yes';

/** Who the supporter is, as every public form (petition, letter) asks it. */
export interface SupporterFields {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  postcode: string | null;
  region: string | null;
  country: string | null;
}

/**
 * Reads the supporter's name, email (shaped like one, not from a throwaway domain), postcode, region and country (a
 * code Rally knows) with the form's own `read`, recording each error under its field.
 */
export function readSupporterFields(
  read: (name: string, required: boolean) => string | null,
  errors: FormErrorTexts,
  fields: Record<string, string[]>,
): SupporterFields {
  const firstName = read('firstName', true);
  const lastName = read('lastName', false);
  const email = read('email', true);
  if (email !== null) {
    if (!isEmailShaped(email)) fields.email = [errors.email];
    else if (isDisposableEmail(email)) fields.email = [errors.disposable];
  }
  const postcode = read('postcode', false);
  const region = read('region', false);
  const country = read('country', true)?.toUpperCase() ?? null;
  if (country !== null && !COUNTRY_CODES.has(country)) fields.country = [errors.country];
  return { firstName, lastName, email, postcode, region, country };
}

/** The signed time the page handed out (see FormStamp): a forged one gets the same answer as one sent too fast. */
export function checkFormStamp(check: StampCheck, errors: FormErrorTexts, fields: Record<string, string[]>): void {
  if (check === 'expired') fields.startedAt = [errors.expired];
  else if (check !== 'ok') fields.startedAt = [errors.tooFast];
}
