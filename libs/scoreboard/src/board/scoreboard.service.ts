import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { AuthContext, OrgScope } from '#rally/access';
import { AuditLog } from '#rally/access';
import { Clock, sqlRow, sqlRows } from '#rally/core';
import type {
  ScoreboardResponse,
  ScoreboardRowResponse,
  ScoreboardSettingsDto,
  ScoreboardSettingsResponse,
} from '../dto/scoreboard.dto.js';
import { ScoreboardSettings } from '../entities/scoreboard-settings.entity.js';

interface Row {
  ministry: string | null;
  country: string | null;
  total: boolean;
  waves: number;
  letters: number;
  acknowledged_waves: number;
  answered_waves: number;
  responses: number;
  median_ack: number | null;
  median_substantive: number | null;
  reported_yes: number;
  reported_ack: number;
  reported_no: number;
  reported_not_yet: number;
}

const ratio = (part: number, whole: number, digits = 4): number =>
  whole === 0 ? 0 : Math.round((part / whole) * 10 ** digits) / 10 ** digits;

const toRow = (r: Row): ScoreboardRowResponse => ({
  ministry: r.ministry ?? '',
  country: r.country ?? '',
  waves: r.waves,
  letters: r.letters,
  acknowledgedWaves: r.acknowledged_waves,
  answeredWaves: r.answered_waves,
  responseRate: ratio(r.answered_waves, r.waves),
  acknowledgementRate: ratio(r.acknowledged_waves, r.waves),
  responsesPer100Letters: ratio(r.responses * 100, r.letters, 2),
  medianDaysToAcknowledgement: r.median_ack === null ? null : Number(r.median_ack),
  medianDaysToResponse: r.median_substantive === null ? null : Number(r.median_substantive),
  supporterReported: {
    yes: r.reported_yes,
    acknowledgement: r.reported_ack,
    no: r.reported_no,
    notYet: r.reported_not_yet,
    answers: r.reported_yes + r.reported_ack + r.reported_no + r.reported_not_yet,
  },
});

const EMPTY: Row = {
  ministry: null,
  country: null,
  total: true,
  waves: 0,
  letters: 0,
  acknowledged_waves: 0,
  answered_waves: 0,
  responses: 0,
  median_ack: null,
  median_substantive: null,
  reported_yes: 0,
  reported_ack: 0,
  reported_no: 0,
  reported_not_yet: 0,
};

/**
 * The scoreboard per ministry (targets grouped by their body, or their name when they have none, and country),
 * read from the wave rollup in one statement: its cost is the organisation's waves (letter actions x targets),
 * whatever the number of letters. Rates are shares of waves, so a ministry that got ten times the letters does not
 * look ten times as responsive; responses per 100 letters normalises the count by the letters received.
 */
@Injectable()
export class ScoreboardService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async board(scope: OrgScope, filter: { campaignId?: string; country?: string }): Promise<ScoreboardResponse> {
    const rows = await sqlRows<Row>(
      this.db,
      `SELECT coalesce(nullif(t.body, ''), t.name) AS ministry, t.country,
              GROUPING(coalesce(nullif(t.body, ''), t.name), t.country) = 3 AS total,
              count(*)::int AS waves, sum(w.letters)::int AS letters,
              count(w.first_ack_on)::int AS acknowledged_waves, count(w.first_substantive_on)::int AS answered_waves,
              sum(w.responses)::int AS responses,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY w.ack_business_days) AS median_ack,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY w.substantive_business_days) AS median_substantive,
              sum(w.reported_yes)::int AS reported_yes, sum(w.reported_acknowledgement)::int AS reported_ack,
              sum(w.reported_no)::int AS reported_no, sum(w.reported_not_yet)::int AS reported_not_yet
         FROM scoreboard_waves w JOIN targets t ON t.id = w.target_id
        WHERE w.organization_id = $1 AND ($2::uuid IS NULL OR w.campaign_id = $2) AND ($3::text IS NULL OR t.country = $3)
        GROUP BY GROUPING SETS ((coalesce(nullif(t.body, ''), t.name), t.country), ())`,
      [scope.organisationId, filter.campaignId ?? null, filter.country ?? null],
    );
    const ministries = rows
      .filter((r) => !r.total)
      .map(toRow)
      .sort(
        (a, b) =>
          a.responseRate - b.responseRate ||
          b.letters - a.letters ||
          a.ministry.localeCompare(b.ministry) ||
          a.country.localeCompare(b.country),
      );
    return { ministries, totals: toRow(rows.find((r) => r.total) ?? EMPTY) };
  }

  async settings(scope: OrgScope, manager: EntityManager = this.db.manager): Promise<ScoreboardSettingsResponse> {
    const row = await manager.findOneBy(ScoreboardSettings, { organisationId: scope.organisationId });
    const org = await sqlRow<{ slug: string }>(manager, `SELECT slug FROM organization WHERE id = $1`, [
      scope.organisationId,
    ]);
    return { public: row?.public ?? false, publicPath: `/public/scoreboard/${org?.slug ?? ''}/scoreboard.json` };
  }

  async setSettings(auth: AuthContext, input: ScoreboardSettingsDto): Promise<ScoreboardSettingsResponse> {
    return this.db.transaction(async (manager) => {
      await manager.upsert(
        ScoreboardSettings,
        { organisationId: auth.organisationId, public: input.public, updatedAt: this.clock.now() },
        ['organisationId'],
      );
      await this.audit.record(
        auth,
        {
          action: 'scoreboard.settings',
          objectType: 'organisation',
          objectId: auth.organisationId,
          details: { public: input.public },
        },
        manager,
      );
      return this.settings(auth, manager);
    });
  }

  /** The public board's organisation: only when it made its scoreboard public (else it does not exist). */
  async publicOrganisation(slug: string): Promise<{ organisationId: string; name: string } | null> {
    const row = await sqlRow<{ id: string; name: string }>(
      this.db,
      `SELECT o.id, o.name FROM organization o JOIN scoreboard_settings s ON s.organization_id = o.id
        WHERE o.slug = $1 AND s.public`,
      [slug],
    );
    return row ? { organisationId: row.id, name: row.name } : null;
  }
}
