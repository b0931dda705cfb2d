import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Which version of a shipped catalogue the database holds: boot compares it with the file before writing anything. */
@Entity('recommendation_catalogues')
export class RecommendationCatalogue {
  /** 'global-study'; more shipped catalogues would add rows. */
  @PrimaryColumn({ type: 'text' })
  name: string;

  /** The file's `schemaVersion`: an older file (a process of the previous release) never overwrites a newer one. */
  @Column({ type: 'text' })
  version: string;

  /** SHA-256 of the file, so a corrected file under the same version is loaded too. */
  @Column({ type: 'text' })
  contentHash: string;

  @Column({ type: 'int' })
  itemCount: number;

  @Column({ type: 'timestamptz' })
  loadedAt: Date;
}
