/** Calendar days as the API writes them (YYYY-MM-DD), computed in UTC so no browser zone shifts a day. */

const DAY_MS = 86_400_000;

const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const msOf = (day: string): number => Date.parse(`${day}T00:00:00Z`);

/** Today in the browser's zone: what a member planning "by Friday" means. */
export function todayHere(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** "2027-03" for a day, and the month's first and last days. */
export const monthOf = (day: string): string => day.slice(0, 7);

export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: iso(Date.UTC(y, m - 1, 1)), to: iso(Date.UTC(y, m, 0)) };
}

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return iso(Date.UTC(y, m - 1 + by, 1)).slice(0, 7);
}

/**
 * The weeks of a month's grid, Monday first (ISO weeks, the working week of the organisations Rally serves); days of
 * the neighbouring months fill the first and last weeks and are marked outside.
 */
export function monthGrid(month: string): { day: string; inMonth: boolean }[][] {
  const { from, to } = monthRange(month);
  const weekday = (new Date(msOf(from)).getUTCDay() + 6) % 7; // 0 = Monday
  const start = msOf(from) - weekday * DAY_MS;
  const weeks: { day: string; inMonth: boolean }[][] = [];
  for (let ms = start; iso(ms) <= to || weeks[weeks.length - 1]!.length < 7; ms += DAY_MS) {
    if (weeks.length === 0 || weeks[weeks.length - 1]!.length === 7) weeks.push([]);
    const day = iso(ms);
    weeks[weeks.length - 1]!.push({ day, inMonth: day >= from && day <= to });
  }
  return weeks;
}

export const isMonth = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
