import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Petition } from './petition.entity.js';

/** Signatures gathered on paper and entered by staff as a number with where they came from. */
@Entity('paper_signature_batches')
@Index('paper_signature_batches_petition_idx', ['petitionId', 'createdAt'])
export class PaperSignatureBatch {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  petitionId: string;

  @ManyToOne(() => Petition, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'petition_id' })
  petition?: Petition;

  @Column({ type: 'int' })
  count: number;

  /** Where the sheets came from (event, place, partner). */
  @Column({ type: 'text' })
  sourceNote: string;

  /** Who entered them: a user or API token id. */
  @Column({ type: 'text' })
  addedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
