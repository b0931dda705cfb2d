import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { StatusState } from '../implementation-state.js';

/** Stored as text: add, never rename. */
export const HISTORY_EVENTS = ['changed', 'proposed', 'approved', 'rejected'] as const;
export type HistoryEvent = (typeof HISTORY_EVENTS)[number];

/**
 * Who changed what and when, one row per event with the state before and after. Append-only: a trigger in the
 * migration refuses UPDATE, DELETE and TRUNCATE.
 */
@Entity('implementation_history')
@Index('implementation_history_key_idx', ['organisationId', 'country', 'recommendationId', 'seq'])
export class ImplementationHistory {
  /** Insertion order: two events in one millisecond still read back in the order they happened. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  seq: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  country: string;

  @Column({ type: 'uuid' })
  recommendationId: string;

  @Column({ type: 'text' })
  event: HistoryEvent;

  @Column({ type: 'uuid', nullable: true })
  proposalId: string | null;

  /** Null: no status before (unknown). */
  @Column({ type: 'jsonb', nullable: true })
  before: StatusState | null;

  /** For a proposal, what it proposes; for a rejection, what was refused. */
  @Column({ type: 'jsonb' })
  after: StatusState;

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorTokenId: string | null;

  @Column({ type: 'text', default: '' })
  comment: string;

  @Column({ type: 'timestamptz' })
  at: Date;
}
