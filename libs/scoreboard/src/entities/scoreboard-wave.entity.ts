import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { LetterAction } from '#rally/letters';
import { Target } from '#rally/targets';

/**
 * The rollup row of one wave: a letter action's letters to one target. The clock starts when the first of them was
 * sent; the rest is recomputed from the response log, the holidays and supporters' answers whenever one of those
 * changes (in that change's transaction), so reading the scoreboard reads these rows and never the letters.
 */
@Entity('scoreboard_waves')
@Index('scoreboard_waves_org_idx', ['organisationId', 'campaignId'])
@Index('scoreboard_waves_target_idx', ['targetId'])
export class ScoreboardWave {
  @PrimaryColumn({ type: 'uuid' })
  actionId: string;

  @ManyToOne(() => LetterAction, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: LetterAction;

  @PrimaryColumn({ type: 'uuid' })
  targetId: string;

  @ManyToOne(() => Target, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'target_id' })
  target?: Target;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  campaignId: string;

  /** When the relay took the wave's first letter to the target. */
  @Column({ type: 'timestamptz' })
  startedAt: Date;

  /** Letters the target received in this wave (sent at least once; test letters never). */
  @Column({ type: 'int', default: 0 })
  letters: number;

  /** The day of the first recorded answer of any stance but no-reply (a substantive one acknowledges too). */
  @Column({ type: 'date', nullable: true })
  firstAckOn: string | null;

  @Column({ type: 'int', nullable: true })
  ackBusinessDays: number | null;

  /** The day of the first committed, partially committed or refused response. */
  @Column({ type: 'date', nullable: true })
  firstSubstantiveOn: string | null;

  @Column({ type: 'int', nullable: true })
  substantiveBusinessDays: number | null;

  /** Recorded responses counted for the wave (acknowledged or substantive). */
  @Column({ type: 'int', default: 0 })
  responses: number;

  /** What supporters answered "did they reply?" about their letters of this wave (one answer per letter). */
  @Column({ type: 'int', default: 0 })
  reportedYes: number;

  @Column({ type: 'int', default: 0 })
  reportedAcknowledgement: number;

  @Column({ type: 'int', default: 0 })
  reportedNo: number;

  @Column({ type: 'int', default: 0 })
  reportedNotYet: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
