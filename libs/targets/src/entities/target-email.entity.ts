import type { Relation } from 'typeorm';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Target } from './target.entity.js';

/**
 * active: letters go here; bounced and suspended are set by inbound mail (a hard bounce, repeated soft bounces);
 * disabled: staff turned it off. Letters go to the first active address in position order.
 */
export const TARGET_EMAIL_STATES = ['active', 'bounced', 'suspended', 'disabled'] as const;
export type TargetEmailState = (typeof TARGET_EMAIL_STATES)[number];

@Entity('target_emails')
@Index('target_emails_target_address_uq', ['targetId', 'addressNormalized'], { unique: true })
@Index('target_emails_org_address_idx', ['organisationId', 'addressNormalized'])
export class TargetEmail {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  targetId: string;

  @ManyToOne(() => Target, (t) => t.emails, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'target_id' })
  target?: Relation<Target>; // Relation<>: the two entities import each other

  @Column({ type: 'text' })
  address: string;

  /** Lower case, trimmed: ministries' addresses are matched as written, without provider alias rules. */
  @Column({ type: 'text' })
  addressNormalized: string;

  @Column({ type: 'text', default: 'active' })
  state: TargetEmailState;

  /** Why the state last changed ("hard bounce 5.1.1", "disabled by staff"). */
  @Column({ type: 'text', nullable: true })
  stateReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  stateChangedAt: Date | null;

  /** A suspended address (repeated soft bounces) is tried again from this time. */
  @Column({ type: 'timestamptz', nullable: true })
  suspendedUntil: Date | null;

  /** Soft bounces before this time no longer count (a reply from the address resets the count). */
  @Column({ type: 'timestamptz', nullable: true })
  bouncesResetAt: Date | null;

  @Column({ type: 'int', default: 0 })
  position: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
