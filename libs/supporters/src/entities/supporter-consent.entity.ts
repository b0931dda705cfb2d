import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Supporter } from './supporter.entity.js';

/** What a supporter agreed to (or declined), in the exact words shown, when and where. Append-only: history is evidence. */
@Entity('supporter_consents')
/**
 * The latest consent of a supporter for a purpose (`ORDER BY given_at DESC, recorded_at DESC LIMIT 1`, read backwards)
 * with `granted` in the key, so a mailing's audience finds each supporter's answer in the index alone: ~25% less
 * PostgreSQL time for the audience of 100,000 than the (supporter, recorded_at) index it replaces (docs/benchmarks.md,
 * "Mailings"). A supporter's consent history, the other reader, is a few rows found by its first column.
 */
@Index('supporter_consents_latest_idx', ['supporterId', 'purpose', 'givenAt', 'recordedAt', 'granted'])
export class SupporterConsent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  supporterId: string;

  @ManyToOne(() => Supporter, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'supporter_id' })
  supporter?: Supporter;

  /** What the consent is for, e.g. `organisation-email`. */
  @Column({ type: 'text' })
  purpose: string;

  @Column({ type: 'boolean' })
  granted: boolean;

  /** The exact wording the supporter saw beside the checkbox. */
  @Column({ type: 'text' })
  wording: string;

  /** Where it was given, e.g. `petition:<id>`. */
  @Column({ type: 'text' })
  source: string;

  /** When the supporter gave it (the action's time, not when this row was written). */
  @Column({ type: 'timestamptz' })
  givenAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt: Date;
}
