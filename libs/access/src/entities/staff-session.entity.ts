import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A signed-in browser. Only the SHA-256 of the cookie's secret is stored, so a database leak yields no sessions. */
@Entity('staff_session')
@Index('staff_session_user_idx', ['userId'])
export class StaffSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'text', unique: true })
  tokenHash: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** Idle timeout runs from here; refreshed at most once a minute to keep reads cheap. */
  @Column({ type: 'timestamptz' })
  lastSeenAt: Date;

  /** Absolute timeout: the session ends here however active it is. */
  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'text', nullable: true })
  ip: string | null;
}
