import { useMemo } from 'react';
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
  // Built once per language and zone, not per render: a table renders this for every row.
  return useMemo(() => {
    const numbers = new Intl.NumberFormat(lang);
    const dates = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone });
    const dateTimes = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone });
    return {
      number: (n: number) => numbers.format(n),
      date: (iso: string | null | undefined) => (iso ? dates.format(new Date(iso)) : '—'),
      dateTime: (iso: string | null | undefined) => (iso ? dateTimes.format(new Date(iso)) : '—'),
    };
  }, [lang, timeZone]);
}

/** A country's name in the console's language, from the browser's own data (no list to translate). */
export function useCountryName(): (code: string) => string {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  // Stable per language, so a list sorted by these names (the settings' 249 countries) is sorted once.
  return useMemo(() => {
    const names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' });
    return (code: string) => {
      try {
        return names.of(code) ?? code;
      } catch {
        return code;
      }
    };
  }, [lang]);
}
