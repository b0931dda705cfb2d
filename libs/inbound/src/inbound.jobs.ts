import { defineJob } from '#rally/core';

/** Names and queues are persisted: add, never rename (see JobRef). */
export const InboundJob = {
  /** Read one stored message: classify, thread, store its bodies, act on it (letter events, bounces). */
  Process: defineJob<{ messageId: string }>('inbound.process', 'inbound'),
  /** Periodic: queue again what was stored but never processed (the queue lost it; PostgreSQL is the record). */
  Reconcile: defineJob('inbound.reconcile', 'maintenance'),
  /** Periodic: queue a poll of every enabled IMAP mailbox that is due (later and later after failures). */
  ImapSchedule: defineJob('inbound.imap-schedule', 'maintenance'),
  /**
   * Poll one IMAP mailbox: take what is new, store it, move it to the processed folder. Its own queue, so a slow
   * mailbox never holds up processing; one try (the next schedule tick is the retry, after a backoff).
   */
  ImapPoll: defineJob<{ sourceId: string }>('inbound.imap-poll', 'inbound-imap', { attempts: 1 }),
};

export const INBOUND_JOBS = Object.values(InboundJob);
