/**
 * Weekend days (ISO weekdays, 1 = Monday ... 7 = Sunday) of countries whose weekend is not Saturday and Sunday, as
 * their governments keep office hours in 2026. Everywhere else: Saturday and Sunday. A correction is a one-line
 * change here; public holidays are the organisation's own table (they differ by year and by who counts them).
 */
const FRIDAY_SATURDAY = [5, 6];
export const WEEKENDS: Readonly<Record<string, readonly number[]>> = {
  BD: FRIDAY_SATURDAY, // Bangladesh
  BH: FRIDAY_SATURDAY, // Bahrain
  DZ: FRIDAY_SATURDAY, // Algeria
  EG: FRIDAY_SATURDAY, // Egypt
  IL: FRIDAY_SATURDAY, // Israel
  IQ: FRIDAY_SATURDAY, // Iraq
  JO: FRIDAY_SATURDAY, // Jordan
  KW: FRIDAY_SATURDAY, // Kuwait
  LY: FRIDAY_SATURDAY, // Libya
  MV: FRIDAY_SATURDAY, // Maldives
  OM: FRIDAY_SATURDAY, // Oman
  QA: FRIDAY_SATURDAY, // Qatar
  SA: FRIDAY_SATURDAY, // Saudi Arabia
  SD: FRIDAY_SATURDAY, // Sudan
  SY: FRIDAY_SATURDAY, // Syria
  YE: FRIDAY_SATURDAY, // Yemen
  AF: [5], // Afghanistan: Friday only
  IR: [5], // Iran: Friday only (Thursday is a half day for most ministries)
  NP: [6], // Nepal: Saturday only
};
const SATURDAY_SUNDAY = [6, 7];

export const weekendOf = (country: string): readonly number[] => WEEKENDS[country.toUpperCase()] ?? SATURDAY_SUNDAY;

const DAY_MS = 86_400_000;
const toEpochDay = (day: string): number => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
/** ISO weekday of an epoch day: 1970-01-01 was a Thursday (4). */
const isoWeekday = (epochDay: number): number => ((((epochDay + 3) % 7) + 7) % 7) + 1;

/**
 * Business days from `from` to `to` (YYYY-MM-DD): the working days after the start day up to and including the
 * answer's day, so an answer on the day the letters arrived is 0 and one on the next working day is 1. An answer
 * dated before the start (it was logged for an earlier wave) counts 0.
 */
export function businessDaysBetween(
  from: string,
  to: string,
  country: string,
  holidays: ReadonlySet<string> = new Set(),
): number {
  const weekend = new Set(weekendOf(country));
  const start = toEpochDay(from);
  const end = toEpochDay(to);
  let days = 0;
  for (let d = start + 1; d <= end; d += 1) {
    if (weekend.has(isoWeekday(d))) continue;
    if (holidays.has(new Date(d * DAY_MS).toISOString().slice(0, 10))) continue;
    days += 1;
  }
  return days;
}
