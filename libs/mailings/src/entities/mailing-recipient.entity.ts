import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MailingRun } from './mailing-run.entity.js';

/** Stored as text: add, never rename. `handed`: its outbox row exists (the outbox says sent or failed). */
export const MAILING_RECIPIENT_STATUSES = ['staged', 'handed', 'bounced', 'skipped'] as const;
export type MailingRecipientStatus = (typeof MAILING_RECIPIENT_STATUSES)[number];

/**
 * One address of one run, staged in bulk by one INSERT ... SELECT. The unique (run, address hash) is what makes
 * "each recipient at most once per run" hold whatever the audience query returns and however often staging runs.
 */
@Entity('mailing_recipients')
@Index('mailing_recipients_run_address_uq', ['runId', 'addressHash'], { unique: true })
@Index('mailing_recipients_staged_idx', ['runId', 'id'], { where: `status = 'staged'` })
export class MailingRecipient {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  runId: string;

  @ManyToOne(() => MailingRun, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id' })
  run?: MailingRun;

  @Column({ type: 'uuid' })
  organisationId: string;

  /** Null for staff recipients. Not a foreign key: erasing a supporter must not rewrite the run's report. */
  @Column({ type: 'uuid', nullable: true })
  supporterId: string | null;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  addressHash: string;

  @Column({ type: 'text' })
  language: string;

  @Column({ type: 'text', default: 'staged' })
  status: MailingRecipientStatus;

  @Column({ type: 'uuid', nullable: true })
  outboxId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  handedAt: Date | null;
}
