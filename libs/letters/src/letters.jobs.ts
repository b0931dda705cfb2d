import { defineJob } from '#rally/core';

/** Names and queues are persisted: add, never rename (see JobRef). All periodic; none carries a payload. */
export const LetterJob = {
  /** Hand due letters to the mail outbox within each target address's window and caps (one dispatcher at a time). */
  Dispatch: defineJob('letters.dispatch', 'letters'),
  /** Stage confirmation, reminder and copy mails for supporters who are owed one. */
  SupporterMail: defineJob('letters.supporter-mail', 'letters'),
};

export const LETTER_JOBS = Object.values(LetterJob);
