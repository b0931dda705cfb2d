import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A member's own choices for follow-up mail in one organisation: the language of reminders (null: the
 * organisation's) and the daily digest (coordinators and admins).
 */
@Entity('follow_up_preferences')
@Index('follow_up_preferences_digest_idx', ['organisationId'], { where: 'digest' })
export class FollowUpPreference {
  @PrimaryColumn({ type: 'uuid' })
  organisationId: string;

  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @Column({ type: 'text', nullable: true })
  language: string | null;

  @Column({ type: 'boolean', default: false })
  digest: boolean;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
