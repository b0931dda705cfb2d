import { isWithinWindow, nextWindowOpening, targetTimeZone } from './sending-window.js';

const OFFICE = { startHour: 8, endHour: 18, weekdays: [1, 2, 3, 4, 5] };

describe('sending window', () => {
  it('knows the zone of a one-zone country, the seat of government of a wide one, and a target override', () => {
    expect(targetTimeZone({ timeZone: null, country: 'FR' })).toBe('Europe/Paris');
    expect(targetTimeZone({ timeZone: null, country: 'KE' })).toBe('Africa/Nairobi');
    expect(targetTimeZone({ timeZone: null, country: 'US' })).toBe('America/New_York');
    expect(targetTimeZone({ timeZone: 'America/Chicago', country: 'US' })).toBe('America/Chicago');
  });

  it('is open during office hours on working days in the target zone', () => {
    // 2027-03-01 is a Monday. 07:30 UTC is 08:30 in Paris (UTC+1 in March before the change).
    expect(isWithinWindow(OFFICE, 'Europe/Paris', new Date('2027-03-01T07:30:00Z'))).toBe(true);
    expect(isWithinWindow(OFFICE, 'Europe/Paris', new Date('2027-03-01T06:30:00Z'))).toBe(false);
    expect(isWithinWindow(OFFICE, 'Europe/Paris', new Date('2027-03-01T17:00:00Z'))).toBe(false); // 18:00 local
    expect(isWithinWindow(OFFICE, 'Europe/Paris', new Date('2027-03-06T10:00:00Z'))).toBe(false); // Saturday
  });

  it('finds the next opening: the same morning, or Monday after a weekend', () => {
    expect(nextWindowOpening(OFFICE, 'Europe/Paris', new Date('2027-03-01T05:10:00Z')).toISOString()).toBe(
      '2027-03-01T07:00:00.000Z',
    );
    expect(nextWindowOpening(OFFICE, 'Europe/Paris', new Date('2027-03-05T17:20:00Z')).toISOString()).toBe(
      '2027-03-08T07:00:00.000Z',
    );
    const open = new Date('2027-03-02T09:00:00Z');
    expect(nextWindowOpening(OFFICE, 'Europe/Paris', open)).toBe(open);
    expect(nextWindowOpening(null, 'Europe/Paris', open)).toBe(open);
  });

  it('steps by local hours in a zone offset by half an hour', () => {
    // Kolkata is UTC+5:30: 08:00 local is 02:30 UTC.
    expect(nextWindowOpening(OFFICE, 'Asia/Kolkata', new Date('2027-03-01T01:00:00Z')).toISOString()).toBe(
      '2027-03-01T02:30:00.000Z',
    );
  });
});
