import { readFileSync } from 'node:fs';
import type { i18n, TFunction } from 'i18next';
import i18next from 'i18next';
import ICU from 'i18next-icu';
import type { Language } from './languages.js';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES } from './languages.js';

export type Messages = { [key: string]: string | Messages };

/** One library's strings in every language: `<dir>/en.json`, `fr.json`, `es.json`, ICU MessageFormat. */
export interface Catalogue {
  readonly namespace: string;
  readonly messages: Readonly<Record<Language, Messages>>;
}

export class MissingTranslationError extends Error {
  constructor(key: string) {
    super(`No translation for "${key}" (add it to the catalogue in every language)`);
  }
}

/** Reads a catalogue at load time (like templates: files next to the code, read once). */
export function loadCatalogue(namespace: string, dir: URL): Catalogue {
  const messages = Object.fromEntries(
    LANGUAGES.map((lang) => [lang, JSON.parse(readFileSync(new URL(`${lang}.json`, dir), 'utf8')) as Messages]),
  ) as Record<Language, Messages>;
  return { namespace, messages };
}

/** Strings every library shares (language names, form errors); its namespace is `common`. */
export const COMMON_CATALOGUE = loadCatalogue('common', new URL('./common/', import.meta.url));

/**
 * Texts through i18next with ICU MessageFormat (plurals, selects, numbers in the reader's locale). Keys are
 * `namespace:path.to.key`; a key missing in the catalogue throws instead of showing the key, like strict templates.
 * Values are not escaped here: every text goes out through Handlebars (HTML-escaped) or as plain text.
 */
export class Translator {
  private readonly i18n: i18n;
  private readonly fixed = new Map<string, TFunction>();

  constructor(catalogues: readonly Catalogue[]) {
    const all = [COMMON_CATALOGUE, ...catalogues.filter((c) => c !== COMMON_CATALOGUE)];
    const resources = Object.fromEntries(
      LANGUAGES.map((lang) => [lang, Object.fromEntries(all.map((c) => [c.namespace, c.messages[lang]]))]),
    );
    this.i18n = i18next.createInstance();
    void this.i18n.use(ICU).init({
      resources,
      lng: DEFAULT_LANGUAGE,
      fallbackLng: DEFAULT_LANGUAGE,
      supportedLngs: [...LANGUAGES],
      ns: all.map((c) => c.namespace),
      defaultNS: 'common',
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
      returnEmptyString: false,
    });
  }

  t(language: string, key: string, values: Record<string, unknown> = {}): string {
    if (!this.i18n.exists(key)) throw new MissingTranslationError(key);
    const lng = isLanguage(language) ? language : DEFAULT_LANGUAGE;
    let t = this.fixed.get(lng);
    if (!t) this.fixed.set(lng, (t = this.i18n.getFixedT(lng)));
    return t(key, values) as string;
  }

  /** `t` bound to one language, e.g. for a page rendered in the petition's language. */
  in(language: string): (key: string, values?: Record<string, unknown>) => string {
    return (key, values) => this.t(language, key, values);
  }
}

/** Every key of a message tree, dotted (`page.title`): what the completeness tests compare across languages. */
export function catalogueKeys(messages: Messages, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : catalogueKeys(v, `${prefix}${k}.`),
  );
}
