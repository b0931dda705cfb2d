/**
 * Every queue and job Rally knows, and the payload each job carries.
 * The string values are persisted in Redis/PostgreSQL: renaming one strands jobs already queued, so add, never rename.
 * Payloads carry ids only, never personal data: handlers re-read the rows they need.
 */
export enum QueueName {
  Mail = 'mail',
  Maintenance = 'maintenance',
  Petitions = 'petitions',
}

export enum JobName {
  MailSend = 'mail.send',
  MailReconcile = 'mail.reconcile',
  AuthPurge = 'organisations.auth-purge',
  SignatureMail = 'petitions.signature-mail',
  PetitionCountFlush = 'petitions.count-flush',
  PetitionCountReconcile = 'petitions.count-reconcile',
  PetitionClose = 'petitions.close-due',
}

export interface JobPayloads {
  [JobName.MailSend]: { outboxId: string };
  [JobName.MailReconcile]: Record<string, never>;
  [JobName.AuthPurge]: Record<string, never>;
  [JobName.SignatureMail]: Record<string, never>;
  [JobName.PetitionCountFlush]: Record<string, never>;
  [JobName.PetitionCountReconcile]: Record<string, never>;
  [JobName.PetitionClose]: Record<string, never>;
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.MailSend]: QueueName.Mail,
  [JobName.MailReconcile]: QueueName.Maintenance,
  [JobName.AuthPurge]: QueueName.Maintenance,
  [JobName.SignatureMail]: QueueName.Petitions,
  [JobName.PetitionCountFlush]: QueueName.Petitions,
  [JobName.PetitionCountReconcile]: QueueName.Petitions,
  [JobName.PetitionClose]: QueueName.Petitions,
};

export type JobPayload<N extends JobName> = JobPayloads[N];
