import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { FollowUp } from './follow-up.entity.js';

/**
 * One reminder step sent to the owner: the primary key (follow-up, due day, step) is inserted with ON CONFLICT DO
 * NOTHING in the transaction that stages the mail, so each step goes once however many workers scan. The due day is
 * part of the key: moving the due date arms every step again for the new day; the old day's rows stay as history.
 */
@Entity('follow_up_reminders')
export class FollowUpReminder {
  @PrimaryColumn({ type: 'uuid' })
  followUpId: string;

  @PrimaryColumn({ type: 'date' })
  dueOn: string;

  /** `before:3` (three days before the due day), `overdue:1` (the first overdue reminder), ... */
  @PrimaryColumn({ type: 'text' })
  step: string;

  /** The local day the step fell on: a step dated on or before one already sent is never sent after it. */
  @Column({ type: 'date' })
  stepOn: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  /** Who it went to (the owner then). */
  @Column({ type: 'uuid' })
  ownerId: string;

  @Column({ type: 'timestamptz' })
  sentAt: Date;

  @ManyToOne(() => FollowUp, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'follow_up_id' })
  followUp?: FollowUp;
}
