import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Campaign } from '#rally/campaigns';
import { InboundMessage } from '#rally/inbound';
import { Target } from '#rally/targets';

/** Stored as text: add, never rename (the scoreboard groups by them). */
export const RESPONSE_CHANNELS = [
  'letter-reply',
  'email',
  'meeting',
  'public-statement',
  'parliamentary-answer',
  'other',
] as const;
export type ResponseChannel = (typeof RESPONSE_CHANNELS)[number];

/** What the target said: acknowledged is not substantive; committed, partially committed and refused are. */
export const RESPONSE_STANCES = ['no-reply', 'acknowledged', 'committed', 'partially-committed', 'refused'] as const;
export type ResponseStance = (typeof RESPONSE_STANCES)[number];

/** A draft waits for a coordinator to classify it; only recorded responses count anywhere. */
export const RESPONSE_STATUSES = ['draft', 'recorded'] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];

/** Where the entry came from: a captured reply drafted it, or staff logged it (a meeting, a statement). */
export const RESPONSE_ORIGINS = ['captured-reply', 'staff'] as const;
export type ResponseOrigin = (typeof RESPONSE_ORIGINS)[number];

export interface ResponseEvidenceLink {
  url: string;
  /** What the page supports: "the minister's answer in the Assembly, 3 June". */
  supports: string;
}

/**
 * One thing a target answered or did about a campaign's asks, on a day, through a channel. Its links to
 * recommendations, letters and captured replies are rows of their own (response_recommendations, response_letters,
 * response_messages), so the scoreboard can join them without unpacking arrays.
 */
@Entity('responses')
@Check('responses_recorded_stance_ck', `status = 'draft' OR stance IS NOT NULL`)
@Index('responses_org_date_idx', ['organisationId', 'occurredOn', 'createdAt'])
@Index('responses_target_idx', ['targetId', 'occurredOn'])
@Index('responses_campaign_idx', ['campaignId', 'occurredOn'], { where: 'campaign_id IS NOT NULL' })
// One draft per captured reply, however many times processing or triage runs.
@Index('responses_source_message_uq', ['sourceMessageId'], { unique: true, where: 'source_message_id IS NOT NULL' })
export class TargetResponse {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  targetId: string;

  @ManyToOne(() => Target, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'target_id' })
  target?: Target;

  @Column({ type: 'uuid', nullable: true })
  campaignId: string | null;

  @ManyToOne(() => Campaign, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'campaign_id' })
  campaign?: Campaign;

  /** The day it happened, YYYY-MM-DD in the organisation's calendar. */
  @Column({ type: 'date' })
  occurredOn: string;

  @Column({ type: 'text' })
  channel: ResponseChannel;

  /** Null only while a draft. */
  @Column({ type: 'text', nullable: true })
  stance: ResponseStance | null;

  @Column({ type: 'text', default: '' })
  summary: string;

  @Column({ type: 'text' })
  status: ResponseStatus;

  @Column({ type: 'text' })
  origin: ResponseOrigin;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  evidence: ResponseEvidenceLink[];

  /** The captured reply this draft was made from (its idempotency key); it stays among the linked messages too. */
  @Column({ type: 'uuid', nullable: true })
  sourceMessageId: string | null;

  @ManyToOne(() => InboundMessage, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'source_message_id' })
  sourceMessage?: InboundMessage;

  /** When it was first recorded (classified): the scoreboard's clock stops at occurredOn, this says when we knew. */
  @Column({ type: 'timestamptz', nullable: true })
  recordedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
