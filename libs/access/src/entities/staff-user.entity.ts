import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A person who signs in to the staff console; belongs to organisations through memberships. */
@Entity('staff_user')
export class StaffUser {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored as normaliseEmail gives it (core), so lookups and the unique index agree. */
  @Column({ type: 'text', unique: true })
  email: string;

  /**
   * normaliseEmail(email), the identity mail suppression hashes are made of, as for supporters. Not always `email`:
   * the backfill of 1795400000000 left an address as typed when another account held its form (one mailbox, two
   * accounts), and later normaliser rules apply to new writes only. Not unique, for that reason.
   */
  @Column({ type: 'text', nullable: true })
  emailNormalized: string | null;

  @Column({ type: 'text' })
  name: string;

  /** argon2id PHC string. */
  @Column({ type: 'text' })
  passwordHash: string;

  @Column({ type: 'timestamptz' })
  passwordChangedAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
