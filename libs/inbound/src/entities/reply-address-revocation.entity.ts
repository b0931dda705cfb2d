import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A letter whose reply and bounce addresses no longer take mail: coordinators revoke one that spammers found (a
 * ministry forwarded it to a list, it leaked in a public answer). Rally's SMTP server answers it 550 like a forged
 * token, and mail arriving by webhook or IMAP with its token goes to triage instead of the letter. Restoring deletes
 * the row; both are audited.
 */
@Entity('reply_address_revocations')
@Index('reply_address_revocations_org_idx', ['organisationId'])
export class ReplyAddressRevocation {
  @PrimaryColumn({ type: 'uuid' })
  letterId: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text', default: '' })
  reason: string;

  @Column({ type: 'uuid', nullable: true })
  revokedByUserId: string | null;

  @Column({ type: 'timestamptz' })
  revokedAt: Date;
}
