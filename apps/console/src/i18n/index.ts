import i18next from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import sharedEn from './shared/en.json';

export const LANGUAGES = ['en', 'fr', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'rally.language';
export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/** The member's choice, else the first of the browser's languages Rally speaks, else English. */
export function initialLanguage(): Language {
  const chosen = window.localStorage.getItem(STORAGE_KEY);
  if (isLanguage(chosen)) return chosen;
  return (navigator.languages ?? [navigator.language]).map((l) => l.slice(0, 2).toLowerCase()).find(isLanguage) ?? 'en';
}

/** Right-to-left scripts, for `dir` (none of Rally's languages yet; the console is ready for them). */
const RTL = new Set(['ar', 'fa', 'he', 'ur']);

function applyToDocument(lang: string): void {
  document.documentElement.lang = lang;
  document.documentElement.dir = RTL.has(lang) ? 'rtl' : 'ltr';
}

/**
 * French and Spanish are fetched when chosen (each is ~5 KB gzipped that an English reader never needs); English is
 * in the first load, as the fallback for a key a catalogue might lack.
 */
const LOADERS: Record<Exclude<Language, 'en'>, () => Promise<[{ default: object }, { default: object }]>> = {
  fr: () => Promise.all([import('./fr.json'), import('./shared/fr.json')]),
  es: () => Promise.all([import('./es.json'), import('./shared/es.json')]),
};

async function load(lang: Language): Promise<void> {
  if (lang !== 'en' && !i18n.hasResourceBundle(lang, 'console')) {
    const [console, shared] = await LOADERS[lang]();
    i18n.addResourceBundle(lang, 'console', console.default, true, true);
    i18n.addResourceBundle(lang, 'shared', shared.default);
  }
  await Promise.all([...areasLoaded].map((area) => loadAreaIn(area, lang)));
}

/**
 * The texts of the larger staff areas come with their screens, in every language (the first visit carries only
 * what sign-in, home and the frame show: docs/benchmarks.md, the 250 KB budget). Each file holds its area's top-level
 * key of the console catalogue; `catalogues.test.ts` checks them like the rest.
 */
const AREAS = {
  targets: {
    en: () => import('./areas/targets/en.json'),
    fr: () => import('./areas/targets/fr.json'),
    es: () => import('./areas/targets/es.json'),
  },
  letters: {
    en: () => import('./areas/letters/en.json'),
    fr: () => import('./areas/letters/fr.json'),
    es: () => import('./areas/letters/es.json'),
  },
  replies: {
    en: () => import('./areas/replies/en.json'),
    fr: () => import('./areas/replies/fr.json'),
    es: () => import('./areas/replies/es.json'),
  },
  recommendations: {
    en: () => import('./areas/recommendations/en.json'),
    fr: () => import('./areas/recommendations/fr.json'),
    es: () => import('./areas/recommendations/es.json'),
  },
  implementation: {
    en: () => import('./areas/implementation/en.json'),
    fr: () => import('./areas/implementation/fr.json'),
    es: () => import('./areas/implementation/es.json'),
  },
  responses: {
    en: () => import('./areas/responses/en.json'),
    fr: () => import('./areas/responses/fr.json'),
    es: () => import('./areas/responses/es.json'),
  },
  scoreboard: {
    en: () => import('./areas/scoreboard/en.json'),
    fr: () => import('./areas/scoreboard/fr.json'),
    es: () => import('./areas/scoreboard/es.json'),
  },
  followups: {
    en: () => import('./areas/followups/en.json'),
    fr: () => import('./areas/followups/fr.json'),
    es: () => import('./areas/followups/es.json'),
  },
  mailings: {
    en: () => import('./areas/mailings/en.json'),
    fr: () => import('./areas/mailings/fr.json'),
    es: () => import('./areas/mailings/es.json'),
  },
  audit: {
    en: () => import('./areas/audit/en.json'),
    fr: () => import('./areas/audit/fr.json'),
    es: () => import('./areas/audit/es.json'),
  },
} satisfies Record<string, Record<Language, () => Promise<{ default: object }>>>;
export type TextArea = keyof typeof AREAS;

const areasLoaded = new Set<TextArea>();
const areaBundles = new Set<string>();

async function loadAreaIn(area: TextArea, lang: Language): Promise<void> {
  if (areaBundles.has(`${area}:${lang}`)) return;
  const texts = await AREAS[area][lang]();
  i18n.addResourceBundle(lang, 'console', texts.default, true, true);
  areaBundles.add(`${area}:${lang}`);
}

/** Loads an area's texts in English (the fallback) and the current language; a route's beforeLoad awaits it. */
export async function loadArea(area: TextArea): Promise<void> {
  areasLoaded.add(area);
  const current = isLanguage(i18n.language) ? i18n.language : 'en';
  await Promise.all([loadAreaIn(area, 'en'), loadAreaIn(area, current)]);
}

export async function chooseLanguage(lang: Language): Promise<void> {
  window.localStorage.setItem(STORAGE_KEY, lang);
  await load(lang);
  await i18n.changeLanguage(lang);
}

/** A language's name in that language ("français", "español"), from the browser's data, for the language menu. */
export const nativeName = (lang: Language): string => {
  const name = new Intl.DisplayNames([lang], { type: 'language' }).of(lang) ?? lang;
  return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
};

/**
 * The console's texts through i18next with ICU MessageFormat, as on the server: its own catalogue (`console`) and
 * the strings it shares with the server (`shared`: language names, roles, form errors; written from the server's
 * catalogues by scripts/console-catalogues.mjs).
 */
export const i18n = i18next.createInstance();
void i18n
  .use(ICU)
  .use(initReactI18next)
  .init({
    resources: { en: { console: en, shared: sharedEn } },
    lng: 'en',
    fallbackLng: 'en',
    ns: ['console', 'shared'],
    defaultNS: 'console',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
i18n.on('languageChanged', applyToDocument);

/** Resolves once the member's language is loaded: the first render waits for it, so no screen flashes in English. */
export const i18nReady: Promise<void> = (async () => {
  const lang = initialLanguage();
  try {
    await load(lang);
    await i18n.changeLanguage(lang);
  } catch {
    // Offline or a chunk missing after a deploy: English, rather than nothing.
  }
  applyToDocument(i18n.language);
})();
