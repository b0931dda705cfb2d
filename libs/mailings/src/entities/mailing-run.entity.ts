import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { MailingVariant } from './mailing.entity.js';
import { Mailing } from './mailing.entity.js';

/** Stored as text: add, never rename. */
export const MAILING_RUN_STATUSES = ['sending', 'paused', 'finished', 'cancelled'] as const;
export type MailingRunStatus = (typeof MAILING_RUN_STATUSES)[number];

/**
 * What every recipient of a run sees the same, fixed when the run is staged. Numbers and the date stay raw here and
 * are written out in each recipient's language when their mail is rendered.
 */
export interface MailingRunContext {
  organisation: { name: string };
  campaign: { name: string };
  petition: { title: string; count: string; goal: string };
  response: { target: string; summary: string; date: string };
}

/** The mailing's words as they were when the run was staged: editing the mailing changes later runs only. */
export interface MailingRunContent {
  variants: MailingVariant[];
  fallbackLanguage: string;
  /** From-address: the organisation's sending address, or null for MAIL_FROM. */
  sender: string | null;
  /** Staff mailings carry no unsubscribe (members leave by leaving the organisation). */
  supporters: boolean;
}

/**
 * One firing of a mailing. `occurrence` is the scheduled time it stands for: unique per mailing, so however many
 * workers see it due, and however often after downtime, it makes one run.
 */
@Entity('mailing_runs')
@Index('mailing_runs_occurrence_uq', ['mailingId', 'occurrence'], { unique: true })
@Index('mailing_runs_sending_idx', ['createdAt'], { where: `status = 'sending'` })
export class MailingRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  mailingId: string;

  @ManyToOne(() => Mailing, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mailing_id' })
  mailing?: Mailing;

  @Column({ type: 'timestamptz' })
  occurrence: Date;

  @Column({ type: 'text', default: 'sending' })
  status: MailingRunStatus;

  @Column({ type: 'jsonb' })
  context: MailingRunContext;

  @Column({ type: 'jsonb' })
  content: MailingRunContent;

  /** 'after signing' runs: the signers confirmed in [windowStart, windowEnd) are this run's. */
  @Column({ type: 'timestamptz', nullable: true })
  windowStart: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  windowEnd: Date | null;

  /** Recipients staged: the audience at staging time, after consent, preferences and suppression. */
  @Column({ type: 'int', default: 0 })
  staged: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
