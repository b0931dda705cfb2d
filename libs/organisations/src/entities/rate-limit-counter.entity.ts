import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A fixed-window counter shared by every api process (login failures per account, attempts per IP). */
@Entity('rate_limit_counter')
export class RateLimitCounter {
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'int' })
  hits: number;

  @Column({ type: 'timestamptz' })
  windowEndsAt: Date;
}
