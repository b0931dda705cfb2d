import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An organisation's scoreboard settings; no row: the defaults (not public). */
@Entity('scoreboard_settings')
export class ScoreboardSettings {
  @PrimaryColumn({ type: 'uuid' })
  organisationId: string;

  /** On: the per-ministry scoreboard is served to anyone at /public/scoreboard/<org slug>/scoreboard.json. */
  @Column({ type: 'boolean', default: false })
  public: boolean;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
