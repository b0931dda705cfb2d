import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A tenant: one child-rights organisation. Every organisation-owned row points here through `organization_id`. */
@Entity('organization')
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  /** Chooses the organisation in staff URLs (`/api/orgs/:orgSlug/...`). */
  @Column({ type: 'text', unique: true })
  slug: string;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'text' })
  country: string;

  /** IANA time zone, used for schedules shown to staff. */
  @Column({ type: 'text' })
  timeZone: string;

  @Column({ type: 'text' })
  defaultLanguage: string;

  /** From-address of the organisation's mail; null means the installation's MAIL_FROM. */
  @Column({ type: 'text', nullable: true })
  sendingAddress: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
