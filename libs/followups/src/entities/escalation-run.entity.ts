import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { EscalationRule } from './escalation-rule.entity.js';

/** What an evaluation did: add, never rename. */
export const ESCALATION_OUTCOMES = [
  'follow-up-created',
  'action-opened',
  'action-not-opened',
  'coordinators-notified',
  'skipped',
] as const;
export type EscalationOutcome = (typeof ESCALATION_OUTCOMES)[number];

/**
 * The history: one row per rule and target, inserted with ON CONFLICT DO NOTHING in the transaction that acts, so a
 * rule acts once for a target however many workers evaluate it. A rule with history is disabled, never deleted.
 */
@Entity('escalation_runs')
@Index('escalation_runs_rule_target_uq', ['ruleId', 'targetId'], { unique: true })
@Index('escalation_runs_org_idx', ['organisationId', 'ranAt'])
export class EscalationRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  ruleId: string;

  @ManyToOne(() => EscalationRule, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'rule_id' })
  rule?: EscalationRule;

  @Column({ type: 'uuid' })
  organisationId: string;

  /** No foreign key: the history stays if the target is deleted later. */
  @Column({ type: 'uuid' })
  targetId: string;

  /** The target's first delivered letter of the campaign: where the N days started. */
  @Column({ type: 'timestamptz' })
  deliveredAt: Date;

  @Column({ type: 'timestamptz' })
  ranAt: Date;

  @Column({ type: 'text' })
  outcome: EscalationOutcome;

  /** Why, in plain words, when it did not act ("the letter action was no longer a draft"). */
  @Column({ type: 'text', default: '' })
  detail: string;

  @Column({ type: 'uuid', nullable: true })
  followUpId: string | null;
}
