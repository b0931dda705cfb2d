import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { EvidenceLink } from '#rally/recommendations';
import { Recommendation } from '#rally/recommendations';
import type { ImplementationStatusValue } from '../implementation-state.js';

/**
 * The current status of one recommendation in one country for one organisation: the read model the board, the
 * public scorecard and the campaign dashboard read without touching the history. Written only with a history row.
 */
@Entity('implementation_statuses')
@Unique('implementation_statuses_key_uq', ['organisationId', 'country', 'recommendationId'])
@Index('implementation_statuses_board_idx', ['organisationId', 'country', 'status'])
export class ImplementationStatus {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'text' })
  country: string;

  @Column({ type: 'uuid' })
  recommendationId: string;

  // RESTRICT: a recommendation with a status is withdrawn, not deleted (recommendations answer 409 in use).
  @ManyToOne(() => Recommendation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recommendation_id' })
  recommendation?: Recommendation;

  @Column({ type: 'text' })
  status: ImplementationStatusValue;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  evidence: EvidenceLink[];

  @Column({ type: 'text', default: '' })
  evidenceSummary: string;

  @Column({ type: 'date', nullable: true })
  evidenceDate: string | null;

  @Column({ type: 'date', nullable: true })
  lastVerified: string | null;

  @Column({ type: 'text', default: '' })
  note: string;

  /**
   * On the public scorecard (when the organisation's is on). Set only by a publish action, never by a status change,
   * which keeps it: a published row shows its current status, whoever changed it since.
   */
  @Column({ type: 'boolean', default: false })
  published: boolean;

  /** Counts applied changes; proposals and editors name the version they started from. */
  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  updatedByUserId: string | null;
}
