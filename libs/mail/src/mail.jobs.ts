import { defineJob } from '#rally/core';

/** After this many claims a message is given up as failed (the outbox row counts them, whatever the queue says). */
export const MAX_SEND_ATTEMPTS = 8;

/**
 * Messages per send job: enough that the pooled connections are never waiting for the next job, few enough that a
 * retried batch repeats little (its sent rows are skipped by the claim) and a lease covers it at a slow relay.
 */
export const MAIL_SEND_BATCH = 25;

/** Names and queues are persisted: add, never rename (see JobRef). */
export const MailJob = {
  /** Claim one outbox row, render, send, record the outcome. */
  // The queue's own retries stay at the default (5, exponential from 2 s): after them the reconciler re-enqueues the
  // row at once, while MAX_SEND_ATTEMPTS, counted on the row, decides when a message is given up.
  Send: defineJob<{ outboxId: string }>('mail.send', 'mail'),
  /** The same for up to MAIL_SEND_BATCH rows at once: how MailService dispatches. */
  SendBatch: defineJob<{ outboxIds: string[] }>('mail.send-batch', 'mail'),
  /** Periodic: re-enqueue rows still owed (lost queue, dead sender). */
  Reconcile: defineJob('mail.reconcile', 'maintenance'),
};

export const MAIL_JOBS = Object.values(MailJob);
