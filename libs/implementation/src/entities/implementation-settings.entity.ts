import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An organisation's rules for status changes; no row: the defaults (changes apply at once). */
@Entity('implementation_settings')
export class ImplementationSettings {
  @PrimaryColumn({ type: 'uuid' })
  organisationId: string;

  /** On: a change is a proposal another coordinator or admin approves. */
  @Column({ type: 'boolean', default: false })
  secondReviewer: boolean;

  /** On: the published rows are shown on the public scorecard pages and open data. Off until an admin says so. */
  @Column({ type: 'boolean', default: false })
  publicScorecard: boolean;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
