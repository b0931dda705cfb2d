import type { FormErrorTexts, StampCheck } from '#rally/core';
import {
  checkFormStamp,
  isChecked,
  normaliseEmail,
  readFormText,
  readSupporterFields,
  tidyMultiline,
} from '#rally/core';
import { MAX_EDITED_TEXT_CHARS } from '../template/template-limits.js';

/** A letter form that passed every check. */
export interface LetterInput {
  firstName: string;
  lastName: string;
  email: string;
  emailNormalized: string;
  postcode: string | null;
  region: string | null;
  country: string;
  paragraph: string;
  /** The rewritten editable part; null when the supporter kept the campaigner's text (or the action is locked). */
  letter: string | null;
  /** Ticked target ids (pick routing). */
  targets: string[];
  consentGiven: boolean;
  source: string | null;
  /** The preview's signed plan (targets and subjects), when sending from the preview. */
  plan: string | null;
}

export type LetterInputResult =
  | { kind: 'valid'; input: LetterInput }
  | { kind: 'invalid'; fields: Record<string, string[]> }
  /** The honeypot was filled: answered like a success, stored nowhere. */
  | { kind: 'bot' };

/** What the supporter types or ticks: echoed back when the no-JS form is shown again. */
export const LETTER_FORM_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'postcode',
  'region',
  'country',
  'paragraph',
  'letter',
  'targets',
  'consent',
] as const;

const FIELDS = new Set<string>([...LETTER_FORM_FIELDS, 'startedAt', 'website', 'source', 'plan']);
const MAX: Record<string, number> = {
  firstName: 100,
  lastName: 100,
  email: 254,
  postcode: 20,
  region: 80,
  paragraph: 2_000,
  letter: MAX_EDITED_TEXT_CHARS,
  source: 100,
};
/** Free text keeps its line breaks; one-line fields collapse their spacing. */
const MULTILINE = new Set(['paragraph', 'letter']);

/**
 * Checks a public letter form (urlencoded or JSON) by hand, like the petition form: the no-JS page re-renders with
 * errors in the action's language. `defaultLetter` is the editable part as the page showed it: a `letter` equal to
 * it (after spacing) counts as unchanged, so a supporter who did not edit sends the campaigner's exact text.
 */
export function parseLetterInput(
  body: unknown,
  errors: FormErrorTexts,
  checkStamp: (stamp: unknown) => StampCheck,
  options: { editable: boolean; defaultLetter: string | null },
): LetterInputResult {
  const fields: Record<string, string[]> = {};
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { kind: 'invalid', fields: { body: [errors.invalid] } };
  const raw = body as Record<string, unknown>;
  for (const key of Object.keys(raw)) if (!FIELDS.has(key)) fields[key] = [errors.notAccepted];
  if (typeof raw.website === 'string' && raw.website.trim() !== '') return { kind: 'bot' };

  const value = (name: string, required: boolean): string | null =>
    readFormText(raw, name, { required, max: MAX[name]!, multiline: MULTILINE.has(name) }, errors, fields);

  const { firstName, lastName, email, postcode, region, country } = readSupporterFields(value, errors, fields);
  const paragraph = value('paragraph', false);
  let letter = options.editable ? value('letter', false) : null;
  if (!options.editable && raw.letter !== undefined) fields.letter = [errors.notAccepted];
  if (letter !== null && options.defaultLetter !== null && tidyMultiline(options.defaultLetter) === letter)
    letter = null;
  const source = value('source', false);

  const targetsRaw = raw.targets === undefined ? [] : Array.isArray(raw.targets) ? raw.targets : [raw.targets];
  const targets: string[] = [];
  for (const t of targetsRaw) {
    if (typeof t !== 'string' || !/^[0-9a-f-]{36}$/i.test(t) || targetsRaw.length > 200) {
      fields.targets = [errors.invalid];
      break;
    }
    targets.push(t.toLowerCase());
  }

  checkFormStamp(checkStamp(raw.startedAt), errors, fields);

  if (Object.keys(fields).length > 0) return { kind: 'invalid', fields };
  return {
    kind: 'valid',
    input: {
      firstName: firstName!,
      lastName: lastName ?? '',
      email: email!,
      emailNormalized: normaliseEmail(email!),
      postcode,
      region,
      country: country!,
      paragraph: paragraph ?? '',
      letter,
      targets,
      consentGiven: isChecked(raw.consent),
      source,
      plan: typeof raw.plan === 'string' && raw.plan.length <= 20_000 ? raw.plan : null,
    },
  };
}
