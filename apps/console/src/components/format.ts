import { useTranslation } from 'react-i18next';

/**
 * Numbers and dates in the console's language; dates in the organisation's time zone when one is given (a campaign
 * in Lima reads its own day, not the browser's).
 */
export function useFormat(timeZone?: string): {
  number: (n: number) => string;
  date: (iso: string | null | undefined) => string;
  dateTime: (iso: string | null | undefined) => string;
} {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const numbers = new Intl.NumberFormat(lang);
  const dates = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone });
  const dateTimes = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  return {
    number: (n) => numbers.format(n),
    date: (iso) => (iso ? dates.format(new Date(iso)) : '—'),
    dateTime: (iso) => (iso ? dateTimes.format(new Date(iso)) : '—'),
  };
}

/** A country's name in the console's language, from the browser's own data (no list to translate). */
export function useCountryName(): (code: string) => string {
  const { i18n } = useTranslation();
  const names = new Intl.DisplayNames([i18n.language], { type: 'region', fallback: 'code' });
  return (code) => {
    try {
      return names.of(code) ?? code;
    } catch {
      return code;
    }
  };
}
