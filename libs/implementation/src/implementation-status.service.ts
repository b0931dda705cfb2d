import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { OrgScope } from '#rally/access';
import { OrganisationDirectory } from '#rally/access';
import { Clock, dayIn, InvalidInputError, sqlOne, sqlRows } from '#rally/core';
import type { RecommendationAreaFilter } from '#rally/recommendations';
import { RecommendationService, STUDY_FOCUS_AREAS } from '#rally/recommendations';
import type {
  ProposalResponse,
  StatusDetailResponse,
  StatusResponse,
  StatusSummaryResponse,
} from './dto/implementation-response.dto.js';
import { ImplementationHistory } from './entities/implementation-history.entity.js';
import { ImplementationProposal } from './entities/implementation-proposal.entity.js';
import { ImplementationStatus } from './entities/implementation-status.entity.js';
import type { ImplementationStatusValue } from './implementation-state.js';
import { IMPLEMENTATION_STATUSES } from './implementation-state.js';
import { responsibleTargets } from './responsible-targets.js';
import type { ActorNames } from './status-views.js';
import { toHistoryResponse, toProposalResponse, toStatusResponse } from './status-views.js';

export interface StatusBoardQuery {
  country: string;
  focusArea?: RecommendationAreaFilter;
  status?: ImplementationStatusValue;
  codes?: string[];
  pending?: boolean;
  /** Responsible ministries of this day (YYYY-MM-DD); default today. */
  on?: string;
  limit: number;
  offset: number;
}

// The catalogue's order: overarching first, the Study's areas in order, the Study's items before the organisation's.
// $AREAS stands for the parameter holding STUDY_FOCUS_AREAS; the public scorecard sorts the same way.
export const CATALOGUE_ORDER = `array_position($AREAS::text[], r.focus_area) NULLS FIRST, r.source_kind = 'organisation',
  regexp_replace(r.code, '\\d+$', ''), nullif(substring(r.code from '(\\d+)$'), '')::numeric NULLS FIRST, r.code`;

/**
 * Reads of implementation status: the board (one row per recommendation of the organisation's catalogue, unknown
 * where nothing was set), one status with its history, pending proposals. The board reads the current rows only,
 * so its cost follows the catalogue's size, never the history's (the public scorecard reads it the same way).
 */
@Injectable()
export class ImplementationStatusService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly recommendations: RecommendationService,
    private readonly clock: Clock,
    private readonly directory: OrganisationDirectory,
  ) {}

  async board(scope: OrgScope, query: StatusBoardQuery): Promise<{ items: StatusResponse[]; total: number }> {
    const params: unknown[] = [scope.organisationId, query.country];
    // A withdrawn recommendation stays on the board while it has a status: what was recorded remains readable.
    const where = ['(r.organization_id IS NULL OR r.organization_id = $1)', '(NOT r.withdrawn OR s.id IS NOT NULL)'];
    const add = (sql: (p: string) => string, value: unknown): void => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (query.focusArea === 'overarching') where.push('r.focus_area IS NULL');
    else if (query.focusArea) add((p) => `r.focus_area = ${p}`, query.focusArea);
    if (query.status) add((p) => `coalesce(s.status, 'unknown') = ${p}`, query.status);
    if (query.codes) add((p) => `r.code = ANY(${p}::text[])`, query.codes);
    if (query.pending)
      where.push(`EXISTS (SELECT 1 FROM implementation_proposals p WHERE p.organization_id = $1 AND p.country = $2
        AND p.recommendation_id = r.id AND p.state = 'pending')`);
    const from = `recommendations r LEFT JOIN implementation_statuses s
      ON s.recommendation_id = r.id AND s.organization_id = $1 AND s.country = $2 WHERE ${where.join(' AND ')}`;
    const n = params.length;
    const [{ total }, rows] = await Promise.all([
      sqlOne<{ total: number }>(this.db, `SELECT count(*)::int AS total FROM ${from}`, params),
      sqlRows<{ id: string }>(
        this.db,
        `SELECT r.id FROM ${from} ORDER BY ${CATALOGUE_ORDER.replace('$AREAS', `$${n + 1}`)} LIMIT $${n + 2} OFFSET $${n + 3}`,
        [...params, STUDY_FOCUS_AREAS, query.limit, query.offset],
      ),
    ]);
    return {
      items: await this.statuses(
        scope,
        query.country,
        rows.map((r) => r.id),
        query.on,
      ),
      total,
    };
  }

  /** One recommendation in one country, with every event of its history, oldest first. */
  async detail(
    scope: OrgScope,
    recommendationId: string,
    country: string | undefined,
    on?: string,
  ): Promise<StatusDetailResponse> {
    const recommendation = await this.recommendations.get(scope, recommendationId);
    if (!country) throw new InvalidInputError({ country: ['country must be an ISO 3166-1 alpha-2 code such as FR'] });
    const history = await this.db.getRepository(ImplementationHistory).find({
      where: { organisationId: scope.organisationId, country, recommendationId: recommendation.id },
      order: { seq: 'ASC' },
    });
    const names = await this.actorNames(history.flatMap((h) => [[h.actorUserId, h.actorTokenId] as const]));
    const [status] = await this.statuses(scope, country, [recommendation.id], on);
    return { ...(status as StatusResponse), history: history.map((h) => toHistoryResponse(h, names)) };
  }

  /** Pending proposals, oldest first: the reviewer's queue. */
  async pendingProposals(
    scope: OrgScope,
    query: { country?: string; limit: number; offset: number },
  ): Promise<{ items: ProposalResponse[]; total: number }> {
    const [rows, total] = await this.db.getRepository(ImplementationProposal).findAndCount({
      where: {
        organisationId: scope.organisationId,
        state: 'pending',
        ...(query.country ? { country: query.country } : {}),
      },
      order: { proposedAt: 'ASC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    const codes = new Map(
      (await this.recommendations.byIds(scope, [...new Set(rows.map((r) => r.recommendationId))])).map((r) => [
        r.id,
        r.code,
      ]),
    );
    const names = await this.proposalActors(rows);
    return { items: rows.map((p) => toProposalResponse(p, codes.get(p.recommendationId) ?? '', names)), total };
  }

  /**
   * Focus areas by status in a country, counted as the board shows them (withdrawn items only while they have a
   * status): one grouped read of the catalogue and the current statuses, never the history.
   */
  async summary(scope: OrgScope, country: string): Promise<StatusSummaryResponse> {
    const rows = await sqlRows<{ area: string; status: ImplementationStatusValue; n: number }>(
      this.db,
      `SELECT coalesce(r.focus_area, 'overarching') AS area, coalesce(s.status, 'unknown') AS status, count(*)::int AS n
         FROM recommendations r LEFT JOIN implementation_statuses s
           ON s.recommendation_id = r.id AND s.organization_id = $1 AND s.country = $2
        WHERE (r.organization_id IS NULL OR r.organization_id = $1) AND (NOT r.withdrawn OR s.id IS NOT NULL)
        GROUP BY 1, 2`,
      [scope.organisationId, country],
    );
    const areas = (['overarching', ...STUDY_FOCUS_AREAS] as const).map((focusArea) => {
      const mine = rows.filter((r) => r.area === focusArea);
      return {
        focusArea,
        total: mine.reduce((sum, r) => sum + r.n, 0),
        counts: IMPLEMENTATION_STATUSES.map((status) => ({
          status,
          count: mine.find((r) => r.status === status)?.n ?? 0,
        })),
      };
    });
    return { country, areas };
  }

  /** The rows of these recommendations in a country, in the order given; unknown where none was set. */
  async statuses(scope: OrgScope, country: string, ids: string[], on?: string): Promise<StatusResponse[]> {
    if (ids.length === 0) return [];
    const recommendations = await this.recommendations.byIds(scope, ids);
    const where = { organisationId: scope.organisationId, country, recommendationId: In(ids) };
    // "Today" is the organisation's calendar day: a reshuffle effective on the 1st shows from its midnight, not UTC's.
    const day = on ?? dayIn((await this.directory.summary(scope)).timeZone, this.clock.now());
    const [statuses, pending, responsible] = await Promise.all([
      this.db.getRepository(ImplementationStatus).find({ where }),
      this.db.getRepository(ImplementationProposal).find({ where: { ...where, state: 'pending' } }),
      responsibleTargets(this.db, scope, country, day, recommendations),
    ]);
    const byRecommendation = new Map(statuses.map((s) => [s.recommendationId, s]));
    const pendingOf = new Map(pending.map((p) => [p.recommendationId, p]));
    const names = await this.proposalActors(pending);
    return recommendations.map((r) =>
      toStatusResponse(r, country, byRecommendation.get(r.id), responsible.get(r.id) ?? [], pendingOf.get(r.id), names),
    );
  }

  private proposalActors(proposals: ImplementationProposal[]): Promise<ActorNames> {
    return this.actorNames(
      proposals.flatMap((p) => [
        [p.proposedByUserId, p.proposedByTokenId] as const,
        [p.decidedByUserId, p.decidedByTokenId] as const,
      ]),
    );
  }

  async actorNames(actors: (readonly [string | null, string | null])[]): Promise<ActorNames> {
    const userIds = [...new Set(actors.flatMap(([u]) => (u ? [u] : [])))];
    const tokenIds = [...new Set(actors.flatMap(([, t]) => (t ? [t] : [])))];
    const [users, tokens] = await Promise.all([
      userIds.length
        ? sqlRows<{ id: string; name: string }>(this.db, `SELECT id, name FROM staff_user WHERE id = ANY($1::uuid[])`, [
            userIds,
          ])
        : [],
      tokenIds.length
        ? sqlRows<{ id: string; name: string }>(this.db, `SELECT id, name FROM api_token WHERE id = ANY($1::uuid[])`, [
            tokenIds,
          ])
        : [],
    ]);
    return { users: new Map(users.map((u) => [u.id, u.name])), tokens: new Map(tokens.map((t) => [t.id, t.name])) };
  }
}
