import { defineJob } from '#rally/core';

/** After this many claims a message is given up as failed (the outbox row counts them, whatever the queue says). */
export const MAX_SEND_ATTEMPTS = 8;

/** Names and queues are persisted: add, never rename (see JobRef). */
export const MailJob = {
  /** Claim one outbox row, render, send, record the outcome. */
  Send: defineJob<{ outboxId: string }>('mail.send', 'mail', { attempts: MAX_SEND_ATTEMPTS }),
  /** Periodic: re-enqueue rows still owed (lost queue, dead sender). */
  Reconcile: defineJob('mail.reconcile', 'maintenance'),
};

export const MAIL_JOBS = Object.values(MailJob);
