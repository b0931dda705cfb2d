import { defineJob } from '#rally/core';

/** Names and queues are persisted: add, never rename (see JobRef). All periodic; none carries a payload. */
export const LetterJob = {
  /** Hand due letters to the mail outbox within each target address's window and caps (one dispatcher at a time). */
  Dispatch: defineJob('letters.dispatch', 'letters'),
  /** Stamp `sent_at` on letters whose outbox row the relay took, and tell the features that listen (the scoreboard). */
  StampSent: defineJob('letters.stamp-sent', 'letters'),
  /** Stage the confirmation reminder for supporters who have not confirmed (the confirmation and copy go with the send). */
  SupporterMail: defineJob('letters.supporter-mail', 'letters'),
};

export const LETTER_JOBS = Object.values(LetterJob);
