import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * reply: a person answered; auto-acknowledged: an automatic answer arrived (never a response); bounced-hard,
 * bounced-soft, policy-block: what the letter's address did.
 */
export const LETTER_EVENT_KINDS = [
  'reply',
  'auto-acknowledged',
  'bounced-hard',
  'bounced-soft',
  'policy-block',
] as const;
export type LetterEventKind = (typeof LETTER_EVENT_KINDS)[number];

/** Something that happened to a letter after it was sent, from inbound mail: its history for coordinators. */
@Entity('letter_events')
@Index('letter_events_letter_idx', ['letterId', 'at'])
@Index('letter_events_org_idx', ['organisationId', 'at'])
export class LetterEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  letterId: string;

  @Column({ type: 'text' })
  kind: LetterEventKind;

  @Column({ type: 'uuid', nullable: true })
  inboundMessageId: string | null;

  @Column({ type: 'text', default: '' })
  detail: string;

  @Column({ type: 'timestamptz' })
  at: Date;
}
