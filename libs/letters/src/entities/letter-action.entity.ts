import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Language } from '#rally/core';
import { Campaign } from '#rally/campaigns';

export const LETTER_ACTION_STATUSES = ['draft', 'open', 'closed'] as const;
export type LetterActionStatus = (typeof LETTER_ACTION_STATUSES)[number];

/**
 * How the targets of one supporter's letters are chosen.
 * - region: targets whose region codes include the supporter's region (their postcode through the area lookup, or the
 *   region they chose);
 * - country: targets of the supporter's country;
 * - responsibility: whoever is responsible, on the sending day, for the focus area (or recommendation) in the
 *   supporter's country;
 * - pick: the supporter picks between `min` and `max` of `targetIds`;
 * - sample: `sampleSize` drawn at random from `targetIds`.
 * `kinds` narrows region and country routing; `fallbackTargetId` is used when nothing matches; `maxTargets` caps them.
 */
export const ROUTING_MODES = ['region', 'country', 'responsibility', 'pick', 'sample'] as const;
export type RoutingMode = (typeof ROUTING_MODES)[number];

export interface LetterRouting {
  mode: RoutingMode;
  targetIds: string[];
  kinds: string[];
  focusArea: string | null;
  recommendationCode: string | null;
  min: number;
  max: number;
  sampleSize: number;
  fallbackTargetId: string | null;
  maxTargets: number;
}

/** Per target address, in the target's time zone: hours [start, end) on ISO weekdays (1 = Monday). */
export interface SendingWindow {
  startHour: number;
  endHour: number;
  weekdays: number[];
}

@Entity('letter_actions')
@Index('letter_actions_org_idx', ['organisationId', 'createdAt'])
@Index('letter_actions_slug_uq', ['slug'], { unique: true })
export class LetterAction {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  campaignId: string;

  @ManyToOne(() => Campaign, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'campaign_id' })
  campaign?: Campaign;

  /** The public address: /l/<slug>. Unique across the installation (petitions have their own /p/ space). */
  @Column({ type: 'text' })
  slug: string;

  @Column({ type: 'text' })
  title: string;

  /** What the page says above the form: why write, to whom. Plain text. */
  @Column({ type: 'text', default: '' })
  intro: string;

  /** The page's language and the variant letters fall back to. */
  @Column({ type: 'text', default: 'en' })
  language: Language;

  @Column({ type: 'text', default: 'draft' })
  status: LetterActionStatus;

  /** Locked: every supporter sends the campaigner's text. Editable: the supporter may rewrite the body. */
  @Column({ type: 'boolean', default: false })
  editable: boolean;

  @Column({ type: 'jsonb' })
  routing: LetterRouting;

  /** Recommendation codes the letter cites ({{#each recommendations}} in the template). */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  recommendationCodes: string[];

  /** Test mode: every letter goes to `testRecipient` (the campaigner who turned it on) instead of the targets. */
  @Column({ type: 'boolean', default: false })
  testMode: boolean;

  @Column({ type: 'text', nullable: true })
  testRecipient: string | null;

  /** Throttle per target address; null caps mean no cap (the installation defaults are filled in at create). */
  @Column({ type: 'jsonb', nullable: true })
  sendingWindow: SendingWindow | null;

  @Column({ type: 'int', nullable: true })
  hourlyCap: number | null;

  @Column({ type: 'int', nullable: true })
  dailyCap: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  openedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
