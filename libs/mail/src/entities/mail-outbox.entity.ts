import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

/** One message Rally must send. This table, not the queue, is the record of what is owed; the queue only carries ids. */
@Entity('mail_outbox')
@Index('mail_outbox_due_idx', ['status', 'updatedAt'], { where: `status IN ('pending', 'sending')` })
export class MailOutbox {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Null for installation-level mail; otherwise the organisation the message belongs to. */
  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  /** Dedupe key chosen by the caller (e.g. `signature-confirm:<id>`): queuing the same message twice is a no-op. */
  @Column({ type: 'text', unique: true })
  idempotencyKey: string;

  @Column({ type: 'text' })
  recipient: string;

  @Column({ type: 'text', nullable: true })
  replyTo: string | null;

  @Column({ type: 'text', nullable: true })
  sender: string | null;

  @Column({ type: 'text' })
  template: string;

  @Column({ type: 'text', default: 'en' })
  language: string;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  @Column({ type: 'jsonb', nullable: true })
  headers: Record<string, string> | null;

  /** The envelope sender when it is not From (a letter's bounce+TOKEN address); null: the From address. */
  @Column({ type: 'text', nullable: true })
  returnPath: string | null;

  @Column({ type: 'text', default: 'pending' })
  status: OutboxStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /** While `sending`, another worker may take the row over only after this time (the first one died). */
  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ type: 'text', nullable: true })
  messageId: string | null;

  /** The queue job carrying the row (a send batch); null when it was enqueued alone under its own id. */
  @Column({ type: 'text', nullable: true })
  jobId: string | null;

  /** The relay's reply when it took the message, which carries its own queue id ("250 2.0.0 Ok: queued as 4F1..."). */
  @Column({ type: 'text', nullable: true })
  relayResponse: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
