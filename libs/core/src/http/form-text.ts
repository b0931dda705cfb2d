import type { FormErrorTexts } from '../i18n/form-errors.js';
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
