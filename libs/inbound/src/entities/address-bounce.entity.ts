import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { BounceClass } from './inbound-message.entity.js';

/** One bounce of a target address: soft ones are counted (about three within seven days suspend it). */
@Entity('address_bounces')
@Index('address_bounces_email_idx', ['targetEmailId', 'at'])
export class AddressBounce {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  targetEmailId: string;

  @Column({ type: 'text' })
  bounceClass: BounceClass;

  @Column({ type: 'text', nullable: true })
  status: string | null;

  @Column({ type: 'uuid', nullable: true })
  inboundMessageId: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;
}
