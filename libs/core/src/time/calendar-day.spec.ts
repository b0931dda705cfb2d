import { dayIn } from './calendar-day.js';

describe('dayIn', () => {
  it('answers the calendar day of the zone, not of UTC', () => {
    const at = new Date('2027-03-01T23:30:00Z');
    expect(dayIn('UTC', at)).toBe('2027-03-01');
    expect(dayIn('Europe/Paris', at)).toBe('2027-03-02');
    expect(dayIn('America/Bogota', new Date('2027-03-02T03:00:00Z'))).toBe('2027-03-01');
  });
});
