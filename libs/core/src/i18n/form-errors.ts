import { Translator } from './translator.js';

/** The field errors every public form shares (`common:errors.*`): what a field-by-field check answers with. */
export const FORM_ERROR_KEYS = [
  'required',
  'email',
  'disposable',
  'tooLong',
  'country',
  'tooFast',
  'expired',
  'invalid',
  'notAccepted',
] as const;
export type FormErrorTexts = Record<(typeof FORM_ERROR_KEYS)[number], string>;

const common = new Translator([]);
const cache = new Map<string, FormErrorTexts>();

/** Those errors in one language, resolved once per language. */
export function formErrorTexts(language: string): FormErrorTexts {
  let texts = cache.get(language);
  if (!texts) {
    const t = common.in(language);
    texts = Object.fromEntries(FORM_ERROR_KEYS.map((k) => [k, t(`common:errors.${k}`)])) as FormErrorTexts;
    cache.set(language, texts);
  }
  return texts;
}
