import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Campaign } from '#rally/campaigns';

/** Stored as text: add, never rename (reminders and lists filter on them). */
export const FOLLOW_UP_STATUSES = ['open', 'done', 'cancelled'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/**
 * A planned action with a due day and an owner (a member): "call the ministry's cabinet about its answer". Its links
 * to recommendations, targets and responses are rows of their own (follow_up_recommendations, ...).
 */
@Entity('follow_ups')
@Check('follow_ups_closed_ck', `(status = 'open') = (closed_at IS NULL)`)
@Check('follow_ups_reminder_open_ck', `status = 'open' OR next_reminder_on IS NULL`)
@Index('follow_ups_org_due_idx', ['organisationId', 'dueOn', 'createdAt'])
@Index('follow_ups_org_owner_idx', ['organisationId', 'ownerId', 'dueOn'])
@Index('follow_ups_campaign_idx', ['campaignId'], { where: 'campaign_id IS NOT NULL' })
// The reminder scan reads only rows whose next step is due: a range on this index, however many follow-ups exist.
@Index('follow_ups_next_reminder_idx', ['nextReminderOn'], { where: 'next_reminder_on IS NOT NULL' })
export class FollowUp {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  note: string;

  /** The day it is due, YYYY-MM-DD in the organisation's calendar. */
  @Column({ type: 'date' })
  dueOn: string;

  /** A member of the organisation (checked when set); only current members are reminded. */
  @Column({ type: 'uuid' })
  ownerId: string;

  @Column({ type: 'text' })
  status: FollowUpStatus;

  @Column({ type: 'uuid', nullable: true })
  campaignId: string | null;

  @ManyToOne(() => Campaign, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'campaign_id' })
  campaign?: Campaign;

  /** The member who created it; null when an API token did. */
  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  /** When it was marked done or cancelled (status says which). */
  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /**
   * The organisation's local day on or after which the reminder scan looks at it again; null when no reminder step
   * remains (closed, or every overdue reminder sent). Kept by the service and the scan, never shown.
   */
  @Column({ type: 'date', nullable: true })
  nextReminderOn: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
