import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The served count of a petition, maintained in batches by the count flush job (never +1 per request). */
@Entity('petition_counts')
export class PetitionCount {
  @PrimaryColumn({ type: 'uuid' })
  petitionId: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  /** Confirmed online signatures. */
  @Column({ type: 'int', default: 0 })
  online: number;

  /** Paper signatures added by staff, reported apart. */
  @Column({ type: 'int', default: 0 })
  paper: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}

export type AreaKind = 'region' | 'country';

/** Confirmed online signatures per region and per country of one petition. */
@Entity('petition_area_counts')
export class PetitionAreaCount {
  @PrimaryColumn({ type: 'uuid' })
  petitionId: string;

  @PrimaryColumn({ type: 'text' })
  kind: AreaKind;

  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'int', default: 0 })
  count: number;
}

/** A milestone of a petition that has been reached and announced to staff; the key makes the announcement once-only. */
@Entity('petition_milestones_reached')
export class PetitionMilestoneReached {
  @PrimaryColumn({ type: 'uuid' })
  petitionId: string;

  @PrimaryColumn({ type: 'int' })
  milestone: number;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  reachedAt: Date;
}

/**
 * Confirmed online signatures of one petition per day, in its organisation's time zone: what the console's
 * signatures-per-day chart reads (a few dozen rows, never a scan of the signatures). Kept by the count flush and
 * rebuilt by the reconcile, like the other counts.
 */
@Entity('petition_day_counts')
export class PetitionDayCount {
  @PrimaryColumn({ type: 'uuid' })
  petitionId: string;

  /** `YYYY-MM-DD` in the organisation's time zone. */
  @PrimaryColumn({ type: 'date' })
  day: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'int', default: 0 })
  count: number;
}
