import { dueOccurrence, nextOccurrence, nextRecurring, zonedInstant } from './schedule.js';

const PARIS = 'Europe/Paris';

describe('mailing schedules in the organisation time zone', () => {
  it('keeps 09:00 local across the spring and autumn changes (23 h and 25 h between runs those days)', () => {
    const rule = { frequency: 'daily' as const, time: '09:00' };
    const sat = nextRecurring(rule, PARIS, new Date('2026-03-28T00:00:00Z'))!;
    expect(sat.toISOString()).toBe('2026-03-28T08:00:00.000Z');
    const sun = nextRecurring(rule, PARIS, sat)!;
    expect(sun.toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(sun.getTime() - sat.getTime()).toBe(23 * 3_600_000);
    const autumn = nextRecurring(rule, PARIS, new Date('2026-10-24T08:00:00Z'))!;
    expect(autumn.toISOString()).toBe('2026-10-25T08:00:00.000Z');
  });

  it('fires a time in the spring gap an hour later on the clock, and a repeated time at its first occurrence', () => {
    expect(zonedInstant(2026, 3, 29, 2, 30, PARIS).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(zonedInstant(2026, 10, 25, 2, 30, PARIS).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(zonedInstant(2026, 6, 1, 0, 0, 'UTC').toISOString()).toBe('2026-06-01T00:00:00.000Z');
  });

  it('runs weekly on its weekday and monthly on its day, clamped to a short month', () => {
    const weekly = nextRecurring(
      { frequency: 'weekly', time: '18:30', weekday: 3 },
      PARIS,
      new Date('2026-05-01T00:00:00Z'),
    );
    expect(weekly!.toISOString()).toBe('2026-05-06T16:30:00.000Z'); // Wednesday
    const monthly = { frequency: 'monthly' as const, time: '08:00', dayOfMonth: 31 };
    expect(nextRecurring(monthly, PARIS, new Date('2026-02-01T00:00:00Z'))!.toISOString()).toBe(
      '2026-02-28T07:00:00.000Z',
    );
    expect(
      nextRecurring({ ...monthly, until: '2026-02-20T00:00:00Z' }, PARIS, new Date('2026-02-01T00:00:00Z')),
    ).toBeNull();
  });

  it('after downtime fires the latest missed occurrence once and moves on past now', () => {
    const schedule = { kind: 'recurring' as const, frequency: 'daily' as const, time: '09:00' };
    const { occurrence, next } = dueOccurrence(
      schedule,
      PARIS,
      new Date('2026-06-01T07:00:00Z'),
      new Date('2026-06-04T12:00:00Z'),
    );
    expect(occurrence.toISOString()).toBe('2026-06-04T07:00:00.000Z');
    expect(next!.toISOString()).toBe('2026-06-05T07:00:00.000Z');
  });

  it('counts a reminder back from the petition close, and a single send has no next', () => {
    const closes = new Date('2026-07-10T12:00:00Z');
    const at = nextOccurrence({ kind: 'before-close', days: 3 }, PARIS, new Date('2026-07-01T00:00:00Z'), closes);
    expect(at!.toISOString()).toBe('2026-07-07T12:00:00.000Z');
    expect(
      nextOccurrence({ kind: 'once', at: '2026-07-01T00:00:00Z' }, PARIS, new Date('2026-07-01T00:00:00Z')),
    ).toBeNull();
  });
});
