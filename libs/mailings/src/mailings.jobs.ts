import { defineJob } from '#rally/core';

/** Names and queues are persisted: add, never rename (see JobRef). All periodic; none carries a payload. */
export const MailingJob = {
  /** Fire the mailings that are due: one run per (mailing, occurrence), staged in bulk. */
  Schedule: defineJob('mailings.schedule', 'mailings'),
  /** Hand the next share of staged recipients to the outbox, at MAILING_SEND_RATE; finish runs that are done. */
  Dispatch: defineJob('mailings.dispatch', 'mailings'),
};

export const MAILING_JOBS = Object.values(MailingJob);
