import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One daily digest per member and local day, inserted before the mail is staged: never two on one day. */
@Entity('follow_up_digests')
export class FollowUpDigest {
  @PrimaryColumn({ type: 'uuid' })
  organisationId: string;

  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  /** The organisation's local day it was for. */
  @PrimaryColumn({ type: 'date' })
  localDay: string;

  /** Follow-ups it listed; 0: nothing was due, so no mail went. */
  @Column({ type: 'int' })
  items: number;

  @Column({ type: 'timestamptz' })
  sentAt: Date;
}
