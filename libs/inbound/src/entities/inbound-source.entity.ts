import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const INBOUND_SOURCE_KINDS = ['webhook', 'imap'] as const;
export type InboundSourceKind = (typeof INBOUND_SOURCE_KINDS)[number];

/**
 * A way in for an organisation whose reply domain's MX is not Rally: a provider webhook that POSTs raw MIME (signed
 * with the secret, timestamps checked), or an IMAP mailbox Rally polls. Secrets are sealed like relay passwords.
 */
@Entity('inbound_sources')
@Index('inbound_sources_org_idx', ['organisationId'])
export class InboundSource {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  kind: InboundSourceKind;

  @Column({ type: 'text', default: '' })
  name: string;

  /** webhook: the HMAC secret; imap: the password. Sealed (AES-256-GCM), never returned. */
  @Column({ type: 'text', nullable: true })
  secretSealed: string | null;

  @Column({ type: 'text', nullable: true })
  host: string | null;

  @Column({ type: 'int', nullable: true })
  port: number | null;

  @Column({ type: 'boolean', default: true })
  secure: boolean;

  @Column({ type: 'text', nullable: true })
  username: string | null;

  @Column({ type: 'text', default: 'INBOX' })
  folder: string;

  /** Processed messages are moved here (created when missing). */
  @Column({ type: 'text', default: 'Rally/Processed' })
  processedFolder: string;

  /** The highest UID taken from `folder` under its current UIDVALIDITY. */
  @Column({ type: 'bigint', default: 0 })
  lastUid: string;

  @Column({ type: 'bigint', nullable: true })
  uidValidity: string | null;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** When the poller last tried this mailbox, whether it got through or not (lastError says). */
  @Column({ type: 'timestamptz', nullable: true })
  lastPolledAt: Date | null;

  /** Polls failed in a row since the last one that got through: the poller waits longer after each (imap-backoff). */
  @Column({ type: 'int', default: 0 })
  pollFailures: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
