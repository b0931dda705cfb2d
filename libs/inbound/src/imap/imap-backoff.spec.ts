import { IMAP_MAX_BACKOFF_MS, nextImapPollAt } from './imap-backoff.js';

const at = new Date('2027-03-01T09:00:00Z');
const minutesAfter = (d: Date): number => (d.getTime() - at.getTime()) / 60_000;

describe('nextImapPollAt', () => {
  it('is due at once when never polled', () => {
    expect(nextImapPollAt({ lastPolledAt: null, pollFailures: 0 }, 60).getTime()).toBe(0);
  });

  it('waits one interval while polls get through', () => {
    expect(minutesAfter(nextImapPollAt({ lastPolledAt: at, pollFailures: 0 }, 60))).toBe(1);
    expect(minutesAfter(nextImapPollAt({ lastPolledAt: at, pollFailures: 0 }, 300))).toBe(5);
  });

  it('doubles the wait per failure in a row, up to an hour', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7, 20].map((n) =>
      minutesAfter(nextImapPollAt({ lastPolledAt: at, pollFailures: n }, 60)),
    );
    expect(waits).toEqual([2, 4, 8, 16, 32, 60, 60, 60]);
  });

  it('never waits less than the interval, even when the interval is over the cap', () => {
    const wait = nextImapPollAt({ lastPolledAt: at, pollFailures: 3 }, 7200).getTime() - at.getTime();
    expect(wait).toBe(7_200_000);
    expect(wait).toBeGreaterThan(IMAP_MAX_BACKOFF_MS);
  });
});
