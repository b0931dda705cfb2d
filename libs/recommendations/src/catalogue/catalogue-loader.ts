import type { OnApplicationBootstrap } from '@nestjs/common';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { sqlCount, sqlRow } from '#rally/core';
import type { StudyCatalogue } from './study-catalogue.js';
import { compareVersions, shippedStudyCatalogue, STUDY_CATALOGUE_NAME } from './study-catalogue.js';

export interface CatalogueLoad {
  outcome: 'loaded' | 'unchanged' | 'older-file';
  version: string;
  /** Rows inserted or whose fields changed. */
  written: number;
  withdrawn: number;
}

/**
 * Brings the Study's rows up to the shipped file at every api and worker boot, not in a migration: migrations are
 * frozen once they land, while the file gets newer versions; a boot with the same file costs one SELECT.
 */
@Injectable()
export class CatalogueLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger('RecommendationCatalogue');

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    const load = await this.load(shippedStudyCatalogue());
    if (load.outcome !== 'unchanged') this.logger.log(load);
  }

  /** Under a transaction advisory lock: processes booting together load once, the others see it done. */
  async load(catalogue: StudyCatalogue): Promise<CatalogueLoad> {
    return this.db.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('rally:recommendation-catalogue'))`);
      const loaded = await sqlRow<{ version: string; content_hash: string }>(
        manager,
        `SELECT version, content_hash FROM recommendation_catalogues WHERE name = $1`,
        [STUDY_CATALOGUE_NAME],
      );
      const base = { version: catalogue.version, written: 0, withdrawn: 0 };
      if (loaded?.content_hash === catalogue.contentHash) return { ...base, outcome: 'unchanged' };
      // A process of the previous release, still running during a rolling deploy, must not undo the new catalogue.
      if (loaded && compareVersions(catalogue.version, loaded.version) < 0)
        return { ...base, version: loaded.version, outcome: 'older-file' };
      const written = await this.upsertItems(catalogue, manager);
      const withdrawn = await sqlCount(
        manager,
        `UPDATE recommendations SET withdrawn = true, updated_at = now()
         WHERE organization_id IS NULL AND NOT withdrawn AND code <> ALL($1::text[]) RETURNING 1`,
        [catalogue.items.map((i) => i.code)],
      );
      await manager.query(
        `INSERT INTO recommendation_catalogues (name, version, content_hash, item_count, loaded_at)
         VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version, content_hash = EXCLUDED.content_hash,
           item_count = EXCLUDED.item_count, loaded_at = EXCLUDED.loaded_at`,
        [STUDY_CATALOGUE_NAME, catalogue.version, catalogue.contentHash, catalogue.items.length],
      );
      return { ...base, outcome: 'loaded', written, withdrawn };
    });
  }

  /** By code, which links and ids keep: a row's id never changes, a row back in the file is no longer withdrawn. */
  private async upsertItems(catalogue: StudyCatalogue, manager: EntityManager): Promise<number> {
    const rows = catalogue.items.map((i) => ({
      code: i.code,
      focus_area: i.focusArea,
      title: i.title,
      summary: i.summary,
      source_reference: i.sourceReference,
      verification: i.verification,
      evidence: i.evidence,
    }));
    return sqlCount(
      manager,
      `INSERT INTO recommendations (organization_id, source_kind, code, focus_area, title, summary, source_reference,
           source_label, verification, evidence, withdrawn, catalogue_version)
         SELECT NULL, 'study', x.code, x.focus_area, x.title, x.summary, x.source_reference, NULL, x.verification,
           x.evidence, false, $2
         FROM jsonb_to_recordset($1::jsonb) AS x(code text, focus_area text, title text, summary text,
           source_reference text, verification text, evidence jsonb)
         ON CONFLICT (code) WHERE organization_id IS NULL DO UPDATE SET
           focus_area = EXCLUDED.focus_area, title = EXCLUDED.title, summary = EXCLUDED.summary,
           source_reference = EXCLUDED.source_reference, verification = EXCLUDED.verification,
           evidence = EXCLUDED.evidence, withdrawn = false, catalogue_version = EXCLUDED.catalogue_version,
           updated_at = now()
         WHERE (recommendations.focus_area, recommendations.title, recommendations.summary,
                recommendations.source_reference, recommendations.verification, recommendations.evidence,
                recommendations.withdrawn)
           IS DISTINCT FROM (EXCLUDED.focus_area, EXCLUDED.title, EXCLUDED.summary, EXCLUDED.source_reference,
                EXCLUDED.verification, EXCLUDED.evidence, false)
       RETURNING 1`,
      [JSON.stringify(rows), catalogue.version],
    );
  }
}
