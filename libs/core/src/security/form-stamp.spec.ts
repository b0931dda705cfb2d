import { FormStamp, FORM_STAMP_MAX_AGE_MS } from './form-stamp.js';

describe('FormStamp', () => {
  const stamps = new FormStamp('a test secret key that is long enough');
  const now = 1_800_000_000_000;

  it('accepts its own stamp once the minimum time has passed', () => {
    const stamp = stamps.issue(now);
    expect(stamps.check(stamp, 2_000, now + 2_000)).toBe('ok');
    expect(stamps.check(stamp, 2_000, now + 1_999)).toBe('too-fast');
  });

  it('refuses a stamp past its maximum age as expired', () => {
    expect(stamps.check(stamps.issue(now), 0, now + FORM_STAMP_MAX_AGE_MS + 1)).toBe('expired');
  });

  it('refuses a plain number, a changed time, a stamp of another key or purpose, and garbage as forged', () => {
    const stamp = stamps.issue(now);
    const [, mac] = stamp.split('.');
    expect(stamps.check(String(now - 60_000), 0, now)).toBe('forged');
    expect(stamps.check(`${now - 60_000}.${mac}`, 0, now)).toBe('forged');
    expect(new FormStamp('another secret key, also long enough').check(stamp, 0, now)).toBe('forged');
    expect(new FormStamp('a test secret key that is long enough', 'other').check(stamp, 0, now)).toBe('forged');
    for (const junk of ['', '.', 'x.y', `${now}.`, `${now}.${'A'.repeat(200)}`, 12345, null, undefined, {}]) {
      expect(stamps.check(junk, 0, now)).toBe('forged');
    }
  });
});
