import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { StatusState } from '../implementation-state.js';

export const PROPOSAL_STATES = ['pending', 'approved', 'rejected'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

/** A change waiting for a second member (the second-reviewer rule); only an approved one becomes the current status. */
@Entity('implementation_proposals')
// One pending proposal per recommendation and country: a second one would be decided against a state it never saw.
@Index('implementation_proposals_pending_uq', ['organisationId', 'country', 'recommendationId'], {
  unique: true,
  where: `state = 'pending'`,
})
@Index('implementation_proposals_org_idx', ['organisationId', 'state', 'proposedAt'])
export class ImplementationProposal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  country: string;

  @Column({ type: 'uuid' })
  recommendationId: string;

  /** The status version the proposer saw; 0 when there was none. */
  @Column({ type: 'int' })
  baseVersion: number;

  @Column({ type: 'jsonb' })
  proposed: StatusState;

  @Column({ type: 'text' })
  state: ProposalState;

  @Column({ type: 'uuid', nullable: true })
  proposedByUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  proposedByTokenId: string | null;

  @Column({ type: 'timestamptz' })
  proposedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  decidedByUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  decidedByTokenId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'text', default: '' })
  comment: string;
}
