import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** One person who acted for an organisation, identified by their normalised email; created or updated by each action. */
@Entity('supporters')
@Index('supporters_org_email_uq', ['organisationId', 'emailNormalized'], { unique: true })
export class Supporter {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  /** As last entered: where mail goes. */
  @Column({ type: 'text' })
  email: string;

  /** Case and provider aliases folded (see normaliseEmail in core): the identity used for dedupe. */
  @Column({ type: 'text' })
  emailNormalized: string;

  @Column({ type: 'text' })
  firstName: string;

  @Column({ type: 'text', default: '' })
  lastName: string;

  @Column({ type: 'text', nullable: true })
  postcode: string | null;

  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Column({ type: 'text', nullable: true })
  country: string | null;

  @Column({ type: 'text', default: 'en' })
  language: string;

  @Column({ type: 'timestamptz' })
  lastActionAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
