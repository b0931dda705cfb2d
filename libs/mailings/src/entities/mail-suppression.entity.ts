import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Why an address gets no more mailings. Stored as text: add, never rename. */
export const SUPPRESSION_REASONS = ['unsubscribed', 'hard-bounce', 'staff'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/**
 * An address the organisation must not mail again, kept as a hash of the normalised address only: no reference to
 * the supporter row, so erasing the supporter keeps it (the person stays unsubscribed if they act again), and the
 * list itself holds no address to leak. Every mailing run leaves these addresses out when it stages recipients.
 */
@Entity('mail_suppressions')
export class MailSuppression {
  @PrimaryColumn({ type: 'uuid' })
  organisationId: string;

  /** Hex SHA-256 of the normalised address (suppressionHash). */
  @PrimaryColumn({ type: 'text' })
  addressHash: string;

  @Column({ type: 'text' })
  reason: SuppressionReason;

  /** The mailing run whose link or bounce put the address here, when there was one (reports count by it). */
  @Column({ type: 'uuid', nullable: true })
  runId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
