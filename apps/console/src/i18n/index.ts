import i18next from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import es from './es.json';
import fr from './fr.json';
import sharedEn from './shared/en.json';
import sharedEs from './shared/es.json';
import sharedFr from './shared/fr.json';

export const LANGUAGES = ['en', 'fr', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'rally.language';
const isLanguage = (value: unknown): value is Language =>
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

export function chooseLanguage(lang: Language): void {
  window.localStorage.setItem(STORAGE_KEY, lang);
  void i18n.changeLanguage(lang);
}

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
    resources: {
      en: { console: en, shared: sharedEn },
      fr: { console: fr, shared: sharedFr },
      es: { console: es, shared: sharedEs },
    },
    lng: initialLanguage(),
    fallbackLng: 'en',
    ns: ['console', 'shared'],
    defaultNS: 'console',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
applyToDocument(i18n.language);
i18n.on('languageChanged', applyToDocument);
