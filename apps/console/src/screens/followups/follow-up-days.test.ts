import { describe, expect, it } from 'vitest';
import { isMonth, monthGrid, monthRange, shiftMonth } from './follow-up-days';

describe('follow-up calendar days', () => {
  it('gives a month its first and last days, across leap years and year ends', () => {
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(shiftMonth('2027-12', 1)).toBe('2028-01');
    expect(shiftMonth('2027-01', -1)).toBe('2026-12');
  });

  it('lays a month out in whole weeks from Monday', () => {
    const weeks = monthGrid('2027-03'); // 1 March 2027 is a Monday
    expect(weeks[0]![0]).toEqual({ day: '2027-03-01', inMonth: true });
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(weeks[weeks.length - 1]!.at(-1)).toEqual({ day: '2027-04-04', inMonth: false });
    expect(monthGrid('2027-08')[0]![0]).toEqual({ day: '2027-07-26', inMonth: false });
  });

  it('accepts only real months in the address', () => {
    expect([isMonth('2027-03'), isMonth('2027-13'), isMonth('march'), isMonth(undefined)]).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });
});
