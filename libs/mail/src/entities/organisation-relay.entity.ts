import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * An organisation's own SMTP relay: its letters and mail leave through it instead of the installation's. The
 * password is sealed (AES-256-GCM, key derived from SECRET_KEY) and never returned by the API.
 */
@Entity('organisation_relays')
export class OrganisationRelay {
  @PrimaryColumn({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  host: string;

  @Column({ type: 'int' })
  port: number;

  /** Implicit TLS (smtps, usually 465); otherwise STARTTLS when the server offers it. */
  @Column({ type: 'boolean', default: false })
  secure: boolean;

  @Column({ type: 'text', nullable: true })
  username: string | null;

  /** `v1.<iv>.<tag>.<ciphertext>`, base64url (RelayCredentialSeal); null when the relay takes no password. */
  @Column({ type: 'text', nullable: true })
  passwordSealed: string | null;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
