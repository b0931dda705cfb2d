import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { MailingAudience } from '../audience/audience.js';
import type { MailingSchedule } from '../schedule/schedule.js';

/** Stored as text: add, never rename. */
export const MAILING_STATUSES = ['draft', 'scheduled', 'paused', 'cancelled', 'finished'] as const;
export type MailingStatus = (typeof MAILING_STATUSES)[number];

/** One language's words of a mailing, in the safe template system (see mailingTemplateRules). */
export interface MailingVariant {
  language: string;
  subject: string;
  body: string;
}

/**
 * An email to an audience, sent once, at a time, on a recurring schedule or relative to signing or a petition's
 * close. Each time it fires makes a run (MailingRun) whose recipients are staged in PostgreSQL.
 */
@Entity('mailings')
@Index('mailings_due_idx', ['nextRunAt'], { where: `status = 'scheduled'` })
export class Mailing {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'jsonb' })
  audience: MailingAudience;

  @Column({ type: 'jsonb' })
  variants: MailingVariant[];

  /** The variant a supporter gets when none is in their language. */
  @Column({ type: 'text' })
  fallbackLanguage: string;

  /** The campaign it speaks for (its merge fields, and supporters who left it are left out): from its audience. */
  @Column({ type: 'uuid', nullable: true })
  campaignId: string | null;

  /** The petition whose title and count it may show (and whose close a 'before close' reminder counts back from). */
  @Column({ type: 'uuid', nullable: true })
  petitionId: string | null;

  @Column({ type: 'text', default: 'draft' })
  status: MailingStatus;

  @Column({ type: 'jsonb', nullable: true })
  schedule: MailingSchedule | null;

  /** The next occurrence to fire; null when none is left (sent once, cancelled, not scheduled). */
  @Column({ type: 'timestamptz', nullable: true })
  nextRunAt: Date | null;

  /** Relative 'after signing' mailings: signers confirmed before this were covered by an earlier run. */
  @Column({ type: 'timestamptz', nullable: true })
  coveredUntil: Date | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
