import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthContext, OrgScope } from '#rally/access';
import { AuditLog } from '#rally/access';
import type { RallyConfig } from '#rally/core';
import { Clock, InjectConfig, InvalidInputError, NotFoundError, sqlOne, sqlRows } from '#rally/core';
import { RecommendationService } from '#rally/recommendations';
import type { PublicationResponse, ScorecardResponse } from '../dto/scorecard.dto.js';
import { ImplementationSettings } from '../entities/implementation-settings.entity.js';
import { ImplementationNotPublishableError } from '../implementation.exception.js';
import { PublicScorecards } from './public-scorecards.js';
import { scorecardPath } from './scorecard-page.renderer.js';

export interface PublicationInput {
  country: string;
  published: boolean;
  recommendationIds: string[];
}

/**
 * What the public scorecard shows: coordinators publish and unpublish statuses (a status change never does; it keeps
 * the row's choice), admins switch the organisation's scorecard on. Each change is audited in its transaction and
 * forgotten by this process's cache once committed.
 */
@Injectable()
export class ScorecardService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly recommendations: RecommendationService,
    private readonly scorecards: PublicScorecards,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: RallyConfig,
  ) {}

  async overview(scope: OrgScope): Promise<ScorecardResponse> {
    const [org, countries] = await Promise.all([
      sqlOne<{ slug: string; enabled: boolean }>(
        this.db,
        `SELECT o.slug, coalesce(s.public_scorecard, false) AS enabled
         FROM organization o LEFT JOIN implementation_settings s ON s.organization_id = o.id WHERE o.id = $1`,
        [scope.organisationId],
      ),
      sqlRows<{ country: string; published: number }>(
        this.db,
        `SELECT s.country, count(*)::int AS published
         FROM implementation_statuses s JOIN recommendations r ON r.id = s.recommendation_id
         WHERE s.organization_id = $1 AND s.published AND NOT r.withdrawn GROUP BY s.country ORDER BY s.country`,
        [scope.organisationId],
      ),
    ]);
    const base = this.config.http.publicUrl;
    return {
      enabled: org.enabled,
      baseUrl: `${base}/scorecard/${encodeURIComponent(org.slug)}`,
      countries: countries.map(({ country, published }) => {
        const url = `${base}${scorecardPath(org.slug, country)}`;
        return { country, published, url, embedUrl: `${url}/embed`, jsonUrl: `${url}.json`, csvUrl: `${url}.csv` };
      }),
    };
  }

  async setEnabled(auth: AuthContext, enabled: boolean): Promise<ScorecardResponse> {
    await this.db.transaction(async (manager) => {
      await manager.upsert(
        ImplementationSettings,
        { organisationId: auth.organisationId, publicScorecard: enabled, updatedAt: this.clock.now() },
        ['organisationId'],
      );
      await this.audit.record(
        auth,
        {
          action: 'implementation.scorecard',
          objectType: 'organisation',
          objectId: auth.organisationId,
          details: { enabled },
        },
        manager,
      );
    });
    this.scorecards.forget(auth);
    return this.overview(auth);
  }

  /**
   * Publishes or unpublishes the statuses of these recommendations in one country, all or none. `field` names the
   * input in errors: the single route's recommendation is its path (404 when not the organisation's), the bulk
   * route's a list (422 naming it).
   */
  async publish(
    auth: AuthContext,
    input: PublicationInput,
    field: 'recommendationId' | 'recommendationIds',
  ): Promise<PublicationResponse> {
    const ids = [...new Set(input.recommendationIds)];
    const found = await this.recommendations.byIds(auth, ids);
    if (found.length !== ids.length) {
      if (field === 'recommendationId') throw new NotFoundError('Recommendation');
      const known = new Set(found.map((r) => r.id));
      throw new InvalidInputError({
        [field]: [`not in the organisation's catalogue: ${ids.filter((id) => !known.has(id)).join(', ')}`],
      });
    }
    const codes = new Map(found.map((r) => [r.id, r.code]));
    const changed = await this.db.transaction(async (manager) => {
      // Row locks, so a concurrent publish of the same rows waits and sees this one's outcome.
      const rows = await sqlRows<{ id: string; recommendation_id: string; published: boolean; status: string }>(
        manager,
        `SELECT id, recommendation_id, published, status FROM implementation_statuses
         WHERE organization_id = $1 AND country = $2 AND recommendation_id = ANY($3::uuid[]) FOR UPDATE`,
        [auth.organisationId, input.country, ids],
      );
      if (input.published) {
        const showable = new Set(rows.filter((r) => r.status !== 'unknown').map((r) => r.recommendation_id));
        const refused = found.filter((r) => r.withdrawn || !showable.has(r.id)).map((r) => r.code);
        if (refused.length > 0) throw new ImplementationNotPublishableError(field, refused);
      }
      const toChange = rows.filter((r) => r.published !== input.published);
      if (toChange.length === 0) return [];
      await manager.query(`UPDATE implementation_statuses SET published = $2 WHERE id = ANY($1::uuid[])`, [
        toChange.map((r) => r.id),
        input.published,
      ]);
      for (const row of toChange)
        await this.audit.record(
          auth,
          {
            action: input.published ? 'implementation.publish' : 'implementation.unpublish',
            objectType: 'recommendation',
            objectId: row.recommendation_id,
            details: { country: input.country, code: codes.get(row.recommendation_id) },
          },
          manager,
        );
      return toChange.map((r) => r.recommendation_id);
    });
    if (changed.length > 0) this.scorecards.forget(auth, [input.country]);
    return { country: input.country, published: input.published, changed };
  }
}
