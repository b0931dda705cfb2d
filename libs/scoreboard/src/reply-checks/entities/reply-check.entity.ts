import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Letter, LetterAction } from '#rally/letters';

/** Stored as text: add, never rename (the scoreboard counts them). */
export const REPLY_CHECK_ANSWERS = ['yes', 'acknowledgement', 'no', 'not-yet'] as const;
export type ReplyCheckAnswer = (typeof REPLY_CHECK_ANSWERS)[number];

/**
 * "Did they reply?": one question per supporter and letter action, about their letters of it with no captured reply
 * fourteen days after sending. The unique (action, supporter) row is what makes each step happen once across
 * workers: the first mail is staged with the insert, the reminder with the update that stamps it.
 */
@Entity('reply_checks')
@Index('reply_checks_action_supporter_uq', ['actionId', 'supporterEmailNormalized'], { unique: true })
@Index('reply_checks_reminder_idx', ['firstSentAt'], { where: 'answer IS NULL AND reminder_sent_at IS NULL' })
@Check('reply_checks_answer_ck', `answer IS NULL OR answer IN ('yes', 'acknowledgement', 'no', 'not-yet')`)
export class ReplyCheck {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  actionId: string;

  @ManyToOne(() => LetterAction, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: LetterAction;

  @Column({ type: 'text' })
  supporterEmailNormalized: string;

  /** Where the question goes (as the supporter typed it) and in which language. */
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  language: string;

  @Column({ type: 'timestamptz' })
  firstSentAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  reminderSentAt: Date | null;

  /** The last answer given: a "not yet" may become a "yes" later. */
  @Column({ type: 'text', nullable: true })
  answer: ReplyCheckAnswer | null;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt: Date | null;
}

/** The letters a question is about, with their wave, so an answer updates exactly those waves' counts. */
@Entity('reply_check_letters')
@Index('reply_check_letters_wave_idx', ['actionId', 'targetId'])
export class ReplyCheckLetter {
  @PrimaryColumn({ type: 'uuid' })
  checkId: string;

  @ManyToOne(() => ReplyCheck, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'check_id' })
  check?: ReplyCheck;

  @PrimaryColumn({ type: 'uuid' })
  letterId: string;

  @ManyToOne(() => Letter, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'letter_id' })
  letter?: Letter;

  @Column({ type: 'uuid' })
  actionId: string;

  @Column({ type: 'uuid' })
  targetId: string;
}

/** A supporter who asked not to be asked again, for every action of the organisation. */
@Entity('reply_check_opt_outs')
export class ReplyCheckOptOut {
  @PrimaryColumn({ type: 'uuid' })
  organisationId: string;

  @PrimaryColumn({ type: 'text' })
  emailNormalized: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
