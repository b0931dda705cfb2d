import { defineJob } from '#rally/core';

/** Names and queues are persisted: add, never rename (see JobRef). All periodic; none carries a payload. */
export const PetitionJob = {
  /** Stage confirmation, reminder and "already signed" mails for signers who are owed one. */
  SignatureMail: defineJob('petitions.signature-mail', 'petitions'),
  /** Fold newly confirmed signatures into the counts; announce milestones. */
  CountFlush: defineJob('petitions.count-flush', 'petitions'),
  /** Recompute every count from the rows and repair what drifted. */
  CountReconcile: defineJob('petitions.count-reconcile', 'petitions'),
  /** Close open petitions whose close date has passed. */
  CloseDue: defineJob('petitions.close-due', 'petitions'),
};

export const PETITION_JOBS = Object.values(PetitionJob);
