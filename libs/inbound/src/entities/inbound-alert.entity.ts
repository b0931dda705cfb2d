import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * address-bounced: an address became unusable; policy-block: a relay refused by policy (5.7.x), the address kept;
 * domain-paused: many hard bounces on one domain paused sending there; imap-failure: an IMAP mailbox could not be
 * polled (refused login, unreachable host, missing folder); imap-too-large: a message in an IMAP mailbox over
 * INBOUND_MAX_BYTES, left where it is and not read.
 */
export const INBOUND_ALERT_KINDS = [
  'address-bounced',
  'policy-block',
  'domain-paused',
  'imap-failure',
  'imap-too-large',
] as const;
export type InboundAlertKind = (typeof INBOUND_ALERT_KINDS)[number];

/** What coordinators are told about delivery problems, until one of them marks it seen. */
@Entity('inbound_alerts')
@Index('inbound_alerts_open_idx', ['organisationId', 'createdAt'], { where: 'acknowledged_at IS NULL' })
export class InboundAlert {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  kind: InboundAlertKind;

  @Column({ type: 'uuid', nullable: true })
  targetEmailId: string | null;

  @Column({ type: 'text', nullable: true })
  domain: string | null;

  @Column({ type: 'uuid', nullable: true })
  inboundMessageId: string | null;

  /** The IMAP mailbox the alert is about (imap-failure, imap-too-large). */
  @Column({ type: 'uuid', nullable: true })
  inboundSourceId: string | null;

  @Column({ type: 'text', default: '' })
  detail: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;
}

/** Sending to a domain paused (many hard bounces): the dispatcher holds letters to it until `until`. */
@Entity('sending_pauses')
@Index('sending_pauses_org_domain_uq', ['organisationId', 'domain'], { unique: true })
export class SendingPause {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  domain: string;

  @Column({ type: 'timestamptz' })
  until: Date;

  @Column({ type: 'text', default: '' })
  reason: string;
}
