import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { LetterAction } from './letter-action.entity.js';

export const LETTER_SUBMISSION_STATUSES = ['pending', 'confirmed'] as const;
export type LetterSubmissionStatus = (typeof LETTER_SUBMISSION_STATUSES)[number];

/**
 * One supporter's send on a letter action: who they are, what they wrote, their consent. Its letters (one per
 * target) are rendered when it is made and go out once the supporter confirms their address.
 */
@Entity('letter_submissions')
@Index('letter_submissions_action_idx', ['actionId', 'createdAt'])
@Index('letter_submissions_mail_due_idx', ['nextMailAt'], { where: 'next_mail_at IS NOT NULL' })
export class LetterSubmission {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  actionId: string;

  @ManyToOne(() => LetterAction, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'action_id' })
  action?: LetterAction;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  emailNormalized: string;

  @Column({ type: 'text' })
  firstName: string;

  @Column({ type: 'text', default: '' })
  lastName: string;

  @Column({ type: 'text', nullable: true })
  postcode: string | null;

  /** The region the supporter chose, or the one their postcode looked up to. */
  @Column({ type: 'text', nullable: true })
  region: string | null;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'text' })
  country: string;

  /** Their own paragraph ({{supporter.paragraph}}), always escaped when merged. */
  @Column({ type: 'text', default: '' })
  paragraph: string;

  /** The body they rewrote, when the action is editable; null: the campaigner's text. */
  @Column({ type: 'text', nullable: true })
  editedBody: string | null;

  @Column({ type: 'boolean', default: false })
  consentGiven: boolean;

  /** The exact consent wording shown beside the checkbox, stored whether or not it was ticked. */
  @Column({ type: 'text' })
  consentWording: string;

  @Column({ type: 'text' })
  language: string;

  @Column({ type: 'text', nullable: true })
  source: string | null;

  @Column({ type: 'text', default: 'pending' })
  status: LetterSubmissionStatus;

  /** Secret of the single-use confirmation link; cleared on use. */
  @Column({ type: 'text', nullable: true })
  confirmToken: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  /** When the supporter is owed mail (confirmation, reminder, their copy); null when nothing is owed. */
  @Column({ type: 'timestamptz', nullable: true })
  nextMailAt: Date | null;

  @Column({ type: 'int', default: 0 })
  mailsSent: number;

  /** A personalised letter nearly identical to others': held for staff review instead of being sent. */
  @Column({ type: 'boolean', default: false })
  flagged: boolean;

  /** A hash of the personal text with names and spacing removed: near-identical letters share it. */
  @Column({ type: 'text', nullable: true })
  similarityKey: string | null;

  @Column({ type: 'uuid', nullable: true })
  supporterId: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
