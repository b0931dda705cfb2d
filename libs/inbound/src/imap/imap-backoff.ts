/** However many polls failed in a row, a mailbox is tried again within the hour. */
export const IMAP_MAX_BACKOFF_MS = 3_600_000;

/**
 * When a mailbox is next due: every interval while polls get through; after `failures` in a row, the interval
 * doubled per failure up to an hour (with 60 s: 2, 4, 8, 16, 32, 60 minutes), so a wrong password or a host that is
 * down costs a handful of attempts a day, not 1,440. Never polled: due now.
 */
export function nextImapPollAt(source: { lastPolledAt: Date | null; pollFailures: number }, pollSeconds: number): Date {
  if (!source.lastPolledAt) return new Date(0);
  const interval = pollSeconds * 1000;
  const wait =
    source.pollFailures === 0 ? interval : Math.min(interval * 2 ** source.pollFailures, IMAP_MAX_BACKOFF_MS);
  return new Date(source.lastPolledAt.getTime() + Math.max(wait, interval));
}
