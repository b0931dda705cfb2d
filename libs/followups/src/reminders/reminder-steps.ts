/**
 * Which reminder a follow-up owes on a local day. Steps: `before:N` on the due day minus N (each N of the
 * organisation's list), then `overdue:1` the day after the due day and again every OVERDUE_EVERY_DAYS, OVERDUE_REMINDERS
 * in all: one overdue mail is easy to miss, a weekly nag for ever teaches people to filter it.
 * Days are YYYY-MM-DD strings of the organisation's calendar, so no time zone enters here.
 */
export const OVERDUE_REMINDERS = 3;
export const OVERDUE_EVERY_DAYS = 7;

export interface ReminderStep {
  key: string;
  on: string;
}

const DAY_MS = 86_400_000;

export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Every step of a follow-up due on `dueOn`, earliest first. */
export function reminderSteps(dueOn: string, daysBefore: readonly number[]): ReminderStep[] {
  const before = [...new Set(daysBefore)].map((n) => ({ key: `before:${n}`, on: addDays(dueOn, -n) }));
  const overdue = Array.from({ length: OVERDUE_REMINDERS }, (_, i) => ({
    key: `overdue:${i + 1}`,
    on: addDays(dueOn, 1 + i * OVERDUE_EVERY_DAYS),
  }));
  return [...before, ...overdue].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
}

/**
 * The one step to send today: the latest one whose day has come, unless a step of that day or later was already
 * sent (`lastSentOn`). Missed earlier steps are not caught up: after an outage the owner gets the current reminder,
 * not three stale ones.
 */
export function stepToSend(
  dueOn: string,
  daysBefore: readonly number[],
  today: string,
  lastSentOn: string | null,
): ReminderStep | null {
  const reached = reminderSteps(dueOn, daysBefore).filter((s) => s.on <= today);
  const latest = reached[reached.length - 1];
  if (!latest || (lastSentOn !== null && latest.on <= lastSentOn)) return null;
  return latest;
}

/** The day the scan should look again: the first step after today; null when none remains. */
export function nextReminderOn(dueOn: string, daysBefore: readonly number[], today: string): string | null {
  return reminderSteps(dueOn, daysBefore).find((s) => s.on > today)?.on ?? null;
}

/** Where a follow-up (new, re-dated or reopened) starts: its first step, even if past (the scan sends the latest). */
export function firstReminderOn(dueOn: string, daysBefore: readonly number[]): string {
  return reminderSteps(dueOn, daysBefore)[0]!.on;
}
