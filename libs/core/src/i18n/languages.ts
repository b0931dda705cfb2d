/**
 * The languages Rally speaks to supporters and staff: every page, mail and console catalogue has these. Adding one
 * means adding its catalogues; the rest (validation, pickers, `dir`) follows from this list.
 */
export const LANGUAGES = ['en', 'fr', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'en';

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

// Scripts written right to left (Arabic, Hebrew, Persian, Urdu, ...), for languages ICU data gives no direction for.
const RTL = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'ha', 'he', 'khw', 'ks', 'ps', 'sd', 'ur', 'yi']);

/** `dir` for a language tag: what the runtime's ICU data says, else the list above. */
export function textDirection(language: string): 'ltr' | 'rtl' {
  try {
    const locale = new Intl.Locale(language) as Intl.Locale & {
      textInfo?: { direction?: string };
      getTextInfo?: () => { direction?: string };
    };
    const info = locale.getTextInfo?.() ?? locale.textInfo;
    if (info?.direction === 'rtl' || info?.direction === 'ltr') return info.direction;
  } catch {
    // Not a valid tag: fall through to the list.
  }
  return RTL.has(language.split('-')[0].toLowerCase()) ? 'rtl' : 'ltr';
}
