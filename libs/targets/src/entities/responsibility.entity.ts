import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { StudyFocusArea } from '../focus-areas.js';
import { Target } from './target.entity.js';

/**
 * Which target answers for a focus area (optionally one recommendation) in a country, from one day to another.
 * Routing takes the rows valid on the day a letter is sent, so letters follow a reshuffle; rows are ended, never
 * overwritten, so the history stays.
 */
@Entity('target_responsibilities')
@Index('target_responsibilities_lookup_idx', ['organisationId', 'country', 'focusArea', 'validFrom'])
@Index('target_responsibilities_target_idx', ['targetId', 'validFrom'])
export class Responsibility {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  targetId: string;

  @ManyToOne(() => Target, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'target_id' })
  target?: Target;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'text' })
  country: string;

  @Column({ type: 'text' })
  focusArea: StudyFocusArea;

  /** A recommendation code of the Study's catalogue; null: the whole focus area. */
  @Column({ type: 'text', nullable: true })
  recommendationCode: string | null;

  /** First day (in the country's calendar) the target is responsible, as YYYY-MM-DD. */
  @Column({ type: 'date' })
  validFrom: string;

  /** Last day it is responsible; null: until further notice. */
  @Column({ type: 'date', nullable: true })
  validUntil: string | null;

  @Column({ type: 'text', default: '' })
  note: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
