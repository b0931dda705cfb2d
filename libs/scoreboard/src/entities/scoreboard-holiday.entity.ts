import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A public holiday in a country: not a business day for the scoreboard's clock (optional, kept by staff). */
@Entity('scoreboard_holidays')
@Index('scoreboard_holidays_day_uq', ['organisationId', 'country', 'day'], { unique: true })
export class ScoreboardHoliday {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  /** ISO 3166-1 alpha-2, as targets carry it. */
  @Column({ type: 'text' })
  country: string;

  @Column({ type: 'date' })
  day: string;

  @Column({ type: 'text', default: '' })
  name: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
