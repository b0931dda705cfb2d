import { businessDaysBetween, weekendOf } from './business-days.js';

describe('businessDaysBetween', () => {
  it('counts the working days after the start day up to the answer day', () => {
    // 2027-03-01 is a Monday.
    expect(businessDaysBetween('2027-03-01', '2027-03-01', 'FR')).toBe(0);
    expect(businessDaysBetween('2027-03-01', '2027-03-02', 'FR')).toBe(1);
    expect(businessDaysBetween('2027-03-01', '2027-03-08', 'FR')).toBe(5);
    expect(businessDaysBetween('2027-03-05', '2027-03-08', 'FR')).toBe(1); // Friday to Monday
  });

  it("skips the country's own weekend and the holidays given", () => {
    expect(weekendOf('sa')).toEqual([5, 6]);
    // Thursday 2027-03-04 to Sunday 2027-03-07 in Saudi Arabia: Friday and Saturday are the weekend, Sunday works.
    expect(businessDaysBetween('2027-03-04', '2027-03-07', 'SA')).toBe(1);
    expect(businessDaysBetween('2027-03-04', '2027-03-07', 'FR')).toBe(1);
    expect(businessDaysBetween('2027-03-01', '2027-03-08', 'FR', new Set(['2027-03-03']))).toBe(4);
  });

  it('counts an answer dated before the start as 0', () => {
    expect(businessDaysBetween('2027-03-08', '2027-03-01', 'FR')).toBe(0);
  });
});
