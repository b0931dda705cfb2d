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

/** Stored as text: adding a state is safe, renaming one is a migration. */
export const PETITION_STATUSES = ['draft', 'open', 'closed', 'delivered'] as const;
export type PetitionStatus = (typeof PETITION_STATUSES)[number];

@Entity('petitions')
@Index('petitions_org_idx', ['organisationId', 'createdAt'])
@Index('petitions_slug_uq', ['slug'], { unique: true })
@Index('petitions_close_due_idx', ['closesAt'], { where: `status = 'open' AND closes_at IS NOT NULL` })
export class Petition {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  campaignId: string;

  @ManyToOne(() => Campaign, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'campaign_id' })
  campaign?: Campaign;

  /** The public address: /p/<slug>. Unique across the installation. */
  @Column({ type: 'text' })
  slug: string;

  @Column({ type: 'text' })
  title: string;

  /** What the petition asks the target to do. */
  @Column({ type: 'text' })
  ask: string;

  /** Who is asked (a ministry, a minister...), as shown on the page. */
  @Column({ type: 'text', default: '' })
  targetDescription: string;

  @Column({ type: 'int' })
  goal: number;

  /** Signature counts that notify staff once each when reached, ascending. */
  @Column({ type: 'int', array: true, default: () => `'{}'` })
  milestones: number[];

  @Column({ type: 'text', default: 'en' })
  language: Language;

  @Column({ type: 'text', default: 'draft' })
  status: PetitionStatus;

  @Column({ type: 'timestamptz', nullable: true })
  closesAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  openedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
