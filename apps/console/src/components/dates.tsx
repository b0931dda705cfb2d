import '@mantine/dates/styles.layer.css';
import 'dayjs/locale/es';
import 'dayjs/locale/fr';
import { DatesProvider } from '@mantine/dates';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Date pickers in the console's language (month and day names, first day of the week). Imported only by the screens
 * with a date field, so the pickers and dayjs' locales stay out of the first load.
 */
export function LocalisedDates({ children }: { children: ReactNode }): ReactNode {
  const { i18n } = useTranslation();
  return (
    <DatesProvider settings={{ locale: i18n.language, firstDayOfWeek: i18n.language === 'en' ? 0 : 1 }}>
      {children}
    </DatesProvider>
  );
}

/** The pickers speak local wall-clock strings ('YYYY-MM-DD HH:mm:ss'); the API speaks ISO 8601 instants. */
export const pickerToIso = (value: string | null): string | null => (value ? dayjs(value).toISOString() : null);
export const isoToPicker = (iso: string | null | undefined): string | null =>
  iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : null;
