import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The days before a due date reminders go out when an organisation has no settings row. */
export const DEFAULT_DAYS_BEFORE = [3];

/** An organisation's reminder rules; no row: the defaults (three days before, digest allowed). */
@Entity('follow_up_settings')
export class FollowUpSettings {
  @PrimaryColumn({ type: 'uuid' })
  organisationId: string;

  /** Days before the due day a reminder goes to the owner (0 = on the day), each once. */
  @Column({ type: 'int', array: true, default: () => `'{3}'` })
  daysBefore: number[];

  /** Off: no member of the organisation gets the daily digest, whatever they chose. */
  @Column({ type: 'boolean', default: true })
  digest: boolean;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
