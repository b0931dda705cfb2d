import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { OrgScope } from '#rally/access';
import { sqlOne, sqlRow, sqlRows } from '#rally/core';

/** Serialises the count flush and the reconcile so a recount never races an increment. */
const COUNTS_LOCK = 7_262_001;
const FLUSH_BATCH = 20_000;

export interface PetitionTotals {
  petitionId: string;
  organisationId: string;
  online: number;
  paper: number;
}

export interface PetitionCountsReport {
  total: number;
  online: number;
  paper: number;
  byRegion: { region: string; count: number }[];
  byCountry: { country: string; count: number }[];
}

/**
 * Counts are folded in batches, never per request: confirmed-but-uncounted rows are flipped to counted and their
 * per-petition, per-region and per-country tallies added in one statement, so each row is counted exactly once.
 */
@Injectable()
export class PetitionCountsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Folds up to one batch of newly confirmed signatures; returns the new totals of the petitions it touched. */
  async flush(manager: EntityManager): Promise<PetitionTotals[]> {
    await manager.query(`SELECT pg_advisory_xact_lock($1)`, [COUNTS_LOCK]);
    const rows = await sqlRows<{ petition_id: string; organization_id: string; online: number; paper: number }>(
      manager,
      `WITH flipped AS (
         UPDATE signatures s SET counted = true
         WHERE s.id IN (SELECT id FROM signatures WHERE status = 'confirmed' AND NOT counted LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING s.petition_id, s.organization_id, s.region, s.country
       ), regions AS (
         INSERT INTO petition_area_counts (petition_id, kind, code, organization_id, count)
         SELECT petition_id, 'region', region, organization_id, count(*) FROM flipped WHERE region IS NOT NULL GROUP BY petition_id, region, organization_id
         ON CONFLICT (petition_id, kind, code) DO UPDATE SET count = petition_area_counts.count + EXCLUDED.count
       ), countries AS (
         INSERT INTO petition_area_counts (petition_id, kind, code, organization_id, count)
         SELECT petition_id, 'country', country, organization_id, count(*) FROM flipped GROUP BY petition_id, country, organization_id
         ON CONFLICT (petition_id, kind, code) DO UPDATE SET count = petition_area_counts.count + EXCLUDED.count
       )
       INSERT INTO petition_counts (petition_id, organization_id, online, updated_at)
       SELECT petition_id, organization_id, count(*), clock_timestamp() FROM flipped GROUP BY petition_id, organization_id
       ON CONFLICT (petition_id) DO UPDATE SET online = petition_counts.online + EXCLUDED.online, updated_at = clock_timestamp()
       RETURNING petition_id, organization_id, online, paper`,
      [FLUSH_BATCH],
    );
    return rows.map((r) => ({
      petitionId: r.petition_id,
      organisationId: r.organization_id,
      online: r.online,
      paper: r.paper,
    }));
  }

  /** Adds paper signatures to the served count at once (a staff action, not a hot path). */
  async addPaper(scope: OrgScope, petitionId: string, count: number, manager: EntityManager): Promise<PetitionTotals> {
    await manager.query(`SELECT pg_advisory_xact_lock($1)`, [COUNTS_LOCK]);
    const r = await sqlOne<{ petition_id: string; organization_id: string; online: number; paper: number }>(
      manager,
      `INSERT INTO petition_counts (petition_id, organization_id, paper, updated_at) VALUES ($1, $2, $3, clock_timestamp())
       ON CONFLICT (petition_id) DO UPDATE SET paper = petition_counts.paper + EXCLUDED.paper, updated_at = clock_timestamp()
       RETURNING petition_id, organization_id, online, paper`,
      [petitionId, scope.organisationId, count],
    );
    return { petitionId: r.petition_id, organisationId: r.organization_id, online: r.online, paper: r.paper };
  }

  /**
   * Recomputes every served count from the rows (signatures already folded, paper batches) and rewrites only those
   * that differ: repairs drift from any cause (a manual fix, a lost update) within one reconcile period.
   */
  async reconcile(): Promise<number> {
    return this.db.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock($1)`, [COUNTS_LOCK]);
      const fixed = await sqlRows<unknown>(
        manager,
        `WITH truth AS (
           SELECT p.id AS petition_id, p.organization_id,
                  (SELECT count(*) FROM signatures s WHERE s.petition_id = p.id AND s.status = 'confirmed' AND s.counted)::int AS online,
                  COALESCE((SELECT sum(b.count) FROM paper_signature_batches b WHERE b.petition_id = p.id), 0)::int AS paper
           FROM petitions p
         )
         INSERT INTO petition_counts (petition_id, organization_id, online, paper, updated_at)
         SELECT petition_id, organization_id, online, paper, clock_timestamp() FROM truth
         ON CONFLICT (petition_id) DO UPDATE SET online = EXCLUDED.online, paper = EXCLUDED.paper, updated_at = clock_timestamp()
         WHERE (petition_counts.online, petition_counts.paper) IS DISTINCT FROM (EXCLUDED.online, EXCLUDED.paper)
         RETURNING petition_id`,
      );
      await manager.query(`DELETE FROM petition_area_counts`);
      await manager.query(
        `INSERT INTO petition_area_counts (petition_id, kind, code, organization_id, count)
         SELECT petition_id, 'region', region, organization_id, count(*) FROM signatures WHERE status = 'confirmed' AND counted AND region IS NOT NULL GROUP BY petition_id, region, organization_id
         UNION ALL
         SELECT petition_id, 'country', country, organization_id, count(*) FROM signatures WHERE status = 'confirmed' AND counted GROUP BY petition_id, country, organization_id`,
      );
      return fixed.length;
    });
  }

  async totals(scope: OrgScope, petitionId: string): Promise<{ online: number; paper: number }> {
    const row = await sqlRow<{ online: number; paper: number }>(
      this.db,
      `SELECT online, paper FROM petition_counts WHERE petition_id = $1 AND organization_id = $2`,
      [petitionId, scope.organisationId],
    );
    return row ?? { online: 0, paper: 0 };
  }

  async report(scope: OrgScope, petitionId: string): Promise<PetitionCountsReport> {
    const { online, paper } = await this.totals(scope, petitionId);
    const areas = await sqlRows<{ kind: string; code: string; count: number }>(
      this.db,
      `SELECT kind, code, count FROM petition_area_counts WHERE petition_id = $1 AND organization_id = $2 ORDER BY count DESC, code`,
      [petitionId, scope.organisationId],
    );
    return {
      total: online + paper,
      online,
      paper,
      byRegion: areas.filter((a) => a.kind === 'region').map((a) => ({ region: a.code, count: a.count })),
      byCountry: areas.filter((a) => a.kind === 'country').map((a) => ({ country: a.code, count: a.count })),
    };
  }
}
