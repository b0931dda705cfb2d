/** When a mailing fires. Stored as jsonb on the mailing: add kinds, never rename one. */
export type MailingSchedule =
  | { kind: 'once'; at: string }
  | {
      kind: 'recurring';
      frequency: 'daily' | 'weekly' | 'monthly';
      /** Local wall-clock time in the organisation's time zone, `HH:MM`. */
      time: string;
      /** Weekly: ISO weekday, 1 = Monday. */
      weekday?: number;
      /** Monthly: 1-31; a shorter month fires on its last day. */
      dayOfMonth?: number;
      /** ISO date-time: no occurrence after it. */
      until?: string;
    }
  /** Each supporter N days after they signed (or wrote), checked daily at `time`. */
  | { kind: 'after-signing'; days: number; time: string }
  /**
   * Once, N days before the mailing's petition closes, counted from its close date as it is at each tick (RunStager):
   * a date moved later or earlier moves the reminder; a petition not open gets none; once sent it is done.
   */
  | { kind: 'before-close'; days: number };

export const SCHEDULE_KINDS = ['once', 'recurring', 'after-signing', 'before-close'] as const;
export const FREQUENCIES = ['daily', 'weekly', 'monthly'] as const;

const DAY_MS = 86_400_000;
const formats = new Map<string, Intl.DateTimeFormat>();

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The wall clock in `zone` at `at`. */
export function localParts(at: Date, zone: string): LocalParts {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    });
    formats.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS[parts.weekday!] ?? 1,
  };
}

/** How far `zone` is ahead of UTC at `at`, in ms. */
function offsetAt(at: number, zone: string): number {
  const l = localParts(new Date(at), zone);
  return Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute) - Math.floor(at / 60_000) * 60_000;
}

/**
 * The instant a local wall-clock time happens in `zone`. A time that happens twice (clocks go back) is the first; a
 * time that never happens (clocks go forward, 02:30 in Paris on the last Sunday of March) is the instant an hour
 * later on the clock (03:30), so a 02:30 schedule still fires that day.
 */
export function zonedInstant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  zone: string,
): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const before = offsetAt(wall - DAY_MS, zone);
  // Offsets change at most once a day: the ones in force a day either side are all the candidates.
  const offsets = new Set([before, offsetAt(wall, zone), offsetAt(wall + DAY_MS, zone)]);
  const matches = [...offsets]
    .map((o) => wall - o)
    .filter((t) => {
      const l = localParts(new Date(t), zone);
      return l.year === year && l.month === month && l.day === day && l.hour === hour && l.minute === minute;
    })
    .sort((a, b) => a - b);
  // In the gap, the offset before the change puts it as far after as the clocks jumped.
  return new Date(matches[0] ?? wall - before);
}

export function parseTime(time: string): { hour: number; minute: number } | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : null;
}

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Whether a local calendar day is one the rule fires on. */
function firesOn(
  rule: { frequency: 'daily' | 'weekly' | 'monthly'; weekday?: number; dayOfMonth?: number },
  year: number,
  month: number,
  day: number,
): boolean {
  if (rule.frequency === 'daily') return true;
  if (rule.frequency === 'weekly') {
    const weekday = ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7) + 1;
    return weekday === (rule.weekday ?? 1);
  }
  return day === Math.min(rule.dayOfMonth ?? 1, daysInMonth(year, month));
}

/**
 * The first time a daily, weekly or monthly rule fires strictly after `after`, at its local time in `zone`; null when
 * `until` comes first. Days are counted on the local calendar, so 09:00 stays 09:00 across daylight-saving changes
 * (the UTC gap between two runs is 23 or 25 hours those days).
 */
export function nextRecurring(
  rule: {
    frequency: 'daily' | 'weekly' | 'monthly';
    time: string;
    weekday?: number;
    dayOfMonth?: number;
    until?: string;
  },
  zone: string,
  after: Date,
): Date | null {
  const time = parseTime(rule.time);
  if (!time) return null;
  const start = localParts(after, zone);
  // 62 days covers any monthly rule (the next month's day always exists, clamped); daily and weekly need at most 8.
  for (let i = 0; i <= 62; i += 1) {
    const d = new Date(Date.UTC(start.year, start.month - 1, start.day) + i * DAY_MS);
    const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
    if (!firesOn(rule, y, m, day)) continue;
    const at = zonedInstant(y, m, day, time.hour, time.minute, zone);
    if (at.getTime() <= after.getTime()) continue;
    if (rule.until && at.getTime() > new Date(rule.until).getTime()) return null;
    return at;
  }
  return null;
}

/**
 * The next occurrence strictly after `after` of a schedule; null when none is left. `closesAt` is the petition's
 * close for 'before-close'.
 */
export function nextOccurrence(
  schedule: MailingSchedule,
  zone: string,
  after: Date,
  closesAt: Date | null = null,
): Date | null {
  switch (schedule.kind) {
    case 'once': {
      const at = new Date(schedule.at);
      return at.getTime() > after.getTime() ? at : null;
    }
    case 'recurring':
      return nextRecurring(schedule, zone, after);
    case 'after-signing':
      return nextRecurring({ frequency: 'daily', time: schedule.time }, zone, after);
    case 'before-close': {
      if (!closesAt) return null;
      const at = new Date(closesAt.getTime() - schedule.days * DAY_MS);
      return at.getTime() > after.getTime() ? at : null;
    }
  }
}

/**
 * What the scheduler fires when it finds a mailing due at `now`: the latest occurrence not after `now` (after a
 * downtime that missed several, only the latest is sent, once), and the next one after `now`.
 */
export function dueOccurrence(
  schedule: MailingSchedule,
  zone: string,
  nextRunAt: Date,
  now: Date,
  closesAt: Date | null = null,
): { occurrence: Date; next: Date | null } {
  let occurrence = nextRunAt;
  let next = nextOccurrence(schedule, zone, occurrence, closesAt);
  // Bounded: a year of daily occurrences missed is 365 steps.
  for (let i = 0; next && next.getTime() <= now.getTime() && i < 5_000; i += 1) {
    occurrence = next;
    next = nextOccurrence(schedule, zone, occurrence, closesAt);
  }
  return { occurrence, next };
}
