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
    // A plain index scan of signatures_uncounted_idx, never a bitmap one: rows flipped since the last vacuum leave
    // dead entries there, which only an index scan marks and skips next time. The planner took a bitmap scan, and in
    // the mailings bench, once 110,000 signatures had been counted, each flush with nothing left took ~180 ms.
    await manager.query(`SET LOCAL enable_bitmapscan = off`);
    const rows = await sqlRows<{ petition_id: string; organization_id: string; online: number; paper: number }>(
      manager,
      `WITH flipped AS (
         UPDATE signatures s SET counted = true
         WHERE s.id IN (SELECT id FROM signatures WHERE status = 'confirmed' AND NOT counted LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING s.petition_id, s.organization_id, s.region, s.country, s.confirmed_at
       ), days AS (
         INSERT INTO petition_day_counts (petition_id, day, organization_id, count)
         SELECT f.petition_id, (f.confirmed_at AT TIME ZONE o.time_zone)::date, f.organization_id, count(*)
         FROM flipped f JOIN organization o ON o.id = f.organization_id GROUP BY 1, 2, 3
         ON CONFLICT (petition_id, day) DO UPDATE SET count = petition_day_counts.count + EXCLUDED.count
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
    await manager.query(`RESET enable_bitmapscan`); // the caller's later statements in this transaction plan as usual
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
      await manager.query(`DELETE FROM petition_day_counts`);
      await manager.query(
        `INSERT INTO petition_day_counts (petition_id, day, organization_id, count)
         SELECT s.petition_id, (s.confirmed_at AT TIME ZONE o.time_zone)::date, s.organization_id, count(*)
         FROM signatures s JOIN organization o ON o.id = s.organization_id WHERE s.status = 'confirmed' AND s.counted GROUP BY 1, 2, 3`,
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

  /** The totals of several petitions in one query (a list page). */
  async totalsOf(scope: OrgScope, petitionIds: string[]): Promise<Map<string, { online: number; paper: number }>> {
    if (petitionIds.length === 0) return new Map();
    const rows = await sqlRows<{ petition_id: string; online: number; paper: number }>(
      this.db,
      `SELECT petition_id, online, paper FROM petition_counts WHERE organization_id = $1 AND petition_id = ANY($2::uuid[])`,
      [scope.organisationId, petitionIds],
    );
    return new Map(rows.map((r) => [r.petition_id, { online: r.online, paper: r.paper }]));
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

  /**
   * Confirmed online signatures per day for the last `days` days, today included, in the organisation's time zone,
   * from the day counts (`days` rows read, however many signatures); days without any are answered 0.
   */
  async perDay(scope: OrgScope, petitionId: string, days: number): Promise<{ date: string; count: number }[]> {
    return sqlRows<{ date: string; count: number }>(
      this.db,
      `WITH today AS (SELECT (now() AT TIME ZONE time_zone)::date AS d FROM organization WHERE id = $2)
       SELECT g.day::date::text AS date, COALESCE(c.count, 0)::int AS count
       FROM today CROSS JOIN generate_series(today.d - ($3::int - 1), today.d, interval '1 day') AS g(day)
       LEFT JOIN petition_day_counts c ON c.petition_id = $1 AND c.organization_id = $2 AND c.day = g.day::date
       ORDER BY g.day`,
      [petitionId, scope.organisationId, days],
    );
  }
}
