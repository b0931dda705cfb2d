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

/** Stored as text: add, never rename (the history keeps them). */
export const ESCALATION_ACTIONS = ['follow-up', 'open-action', 'notify'] as const;
export type EscalationAction = (typeof ESCALATION_ACTIONS)[number];

/**
 * "No substantive response from a target within N days of delivery": then create a follow-up for an owner, open a
 * prepared letter action (the next wave), or tell the coordinators. Evaluated by the worker once per target.
 */
@Entity('escalation_rules')
@Index('escalation_rules_org_campaign_idx', ['organisationId', 'campaignId'])
@Check(
  'escalation_rules_follow_up_ck',
  `action <> 'follow-up' OR (owner_id IS NOT NULL AND follow_up_title IS NOT NULL)`,
)
@Check('escalation_rules_open_action_ck', `action <> 'open-action' OR letter_action_id IS NOT NULL`)
export class EscalationRule {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  campaignId: string;

  @ManyToOne(() => Campaign, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'campaign_id' })
  campaign?: Campaign;

  @Column({ type: 'text' })
  name: string;

  /** Days after the target's first delivered letter of the campaign. */
  @Column({ type: 'int' })
  days: number;

  /** The targets it watches; null: every target the campaign's letters reached. */
  @Column({ type: 'uuid', array: true, nullable: true })
  targetIds: string[] | null;

  @Column({ type: 'text' })
  action: EscalationAction;

  /** follow-up: who owns it, its title (the target's name is added) and how many days it has. */
  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ type: 'text', nullable: true })
  followUpTitle: string | null;

  @Column({ type: 'int', default: 7 })
  followUpDueDays: number;

  /** open-action: the prepared letter action (a draft) to open. */
  @Column({ type: 'uuid', nullable: true })
  letterActionId: string | null;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
