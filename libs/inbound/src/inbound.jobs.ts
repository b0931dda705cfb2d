import { defineJob } from '#rally/core';

/** Names and queues are persisted: add, never rename (see JobRef). */
export const InboundJob = {
  /** Read one stored message: classify, thread, store its bodies, act on it (letter events, bounces). */
  Process: defineJob<{ messageId: string }>('inbound.process', 'inbound'),
  /** Periodic: queue again what was stored but never processed (the queue lost it; PostgreSQL is the record). */
  Reconcile: defineJob('inbound.reconcile', 'maintenance'),
};

export const INBOUND_JOBS = Object.values(InboundJob);
