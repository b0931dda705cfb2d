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

/** Answers per tag: every page and mail asks, and building an Intl.Locale costs ~6 µs (a tenth of a letter's render). */
const directions = new Map<string, 'ltr' | 'rtl'>();
const DIRECTIONS_MAX = 200;

/** `dir` for a language tag: what the runtime's ICU data says, else the list above. */
export function textDirection(language: string): 'ltr' | 'rtl' {
  let dir = directions.get(language);
  if (dir === undefined) {
    dir = lookUpDirection(language);
    // Tags come from Rally's own short list in practice; the bound only keeps an odd caller from growing the map.
    if (directions.size < DIRECTIONS_MAX) directions.set(language, dir);
  }
  return dir;
}

function lookUpDirection(language: string): 'ltr' | 'rtl' {
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

/**
 * The best of Rally's languages for an Accept-Language header (`fr-CH, fr;q=0.9, en;q=0.8`), by quality then order;
 * English when none fits. For pages and mail that belong to no organisation or petition (sign-in, password reset).
 */
export function negotiateLanguage(header: string | undefined): Language {
  if (!header) return DEFAULT_LANGUAGE;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? '1',
      );
      return { base: tag.trim().toLowerCase().split('-')[0], q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((r) => r.base).find(isLanguage) ?? DEFAULT_LANGUAGE;
}
