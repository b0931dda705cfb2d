import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import type { AuthContext, OrgScope } from '#rally/access';
import { AuditLog } from '#rally/access';
import { escapeLike, InvalidInputError, NotFoundError, sqlOne, sqlRow, sqlRows } from '#rally/core';
import type {
  RecommendationAreaFilter,
  RecommendationCreateDto,
  RecommendationUpdateDto,
} from './dto/recommendation.dto.js';
import type { RecommendationSource, VerificationLevel } from './entities/recommendation.entity.js';
import { Recommendation } from './entities/recommendation.entity.js';
import { STUDY_FOCUS_AREAS } from './focus-areas.js';
import {
  RecommendationCodeTakenError,
  RecommendationFromStudyError,
  RecommendationInUseError,
  UnknownRecommendationCodeError,
} from './recommendations.exception.js';

export interface RecommendationListQuery {
  q?: string;
  focusArea?: RecommendationAreaFilter;
  source?: RecommendationSource;
  verification?: VerificationLevel;
  withdrawn?: boolean;
  limit: number;
  offset: number;
}

/** What an organisation sees: the Study's rows and its own, never another organisation's. */
const VISIBLE = '(r.organization_id IS NULL OR r.organization_id = $1)';

// Overarching first, then the Study's order of focus areas; the Study's items before the organisation's; codes in
// number order (GEN-2 before GEN-10).
const ORDER = `array_position($AREAS::text[], r.focus_area) NULLS FIRST, r.source_kind = 'organisation',
  regexp_replace(r.code, '\\d+$', ''), nullif(substring(r.code from '(\\d+)$'), '')::numeric NULLS FIRST, r.code`;

/** The catalogue as one organisation sees it, and the organisation's own recommendations. */
@Injectable()
export class RecommendationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async list(scope: OrgScope, query: RecommendationListQuery): Promise<{ items: Recommendation[]; total: number }> {
    const params: unknown[] = [scope.organisationId];
    const where = [VISIBLE, query.withdrawn ? 'r.withdrawn' : 'NOT r.withdrawn'];
    const add = (sql: (p: string) => string, value: unknown): void => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (query.q)
      add(
        (p) =>
          `(r.code ILIKE ${p} OR r.title ILIKE ${p} OR r.summary ILIKE ${p} OR r.source_reference ILIKE ${p} OR r.source_label ILIKE ${p})`,
        `%${escapeLike(query.q.trim())}%`,
      );
    if (query.focusArea === 'overarching') where.push('r.focus_area IS NULL');
    else if (query.focusArea) add((p) => `r.focus_area = ${p}`, query.focusArea);
    if (query.source) add((p) => `r.source_kind = ${p}`, query.source);
    if (query.verification) add((p) => `r.verification = ${p}`, query.verification);
    const filter = where.join(' AND ');
    const n = params.length;
    const [{ total }, rows] = await Promise.all([
      sqlOne<{ total: number }>(
        this.db,
        `SELECT count(*)::int AS total FROM recommendations r WHERE ${filter}`,
        params,
      ),
      sqlRows<{ id: string }>(
        this.db,
        `SELECT r.id FROM recommendations r WHERE ${filter} ORDER BY ${ORDER.replace('$AREAS', `$${n + 1}`)}
         LIMIT $${n + 2} OFFSET $${n + 3}`,
        [...params, STUDY_FOCUS_AREAS, query.limit, query.offset],
      ),
    ]);
    return {
      items: await this.byIds(
        scope,
        rows.map((r) => r.id),
      ),
      total,
    };
  }

  /** Another organisation's row is indistinguishable from a missing one. */
  async get(scope: OrgScope, id: string, manager: EntityManager = this.db.manager): Promise<Recommendation> {
    const [found] = await this.byIds(scope, [id], manager);
    if (!found) throw new NotFoundError('Recommendation');
    return found;
  }

  async create(auth: AuthContext, input: RecommendationCreateDto): Promise<Recommendation> {
    const code = input.code.trim();
    const id = await this.db.transaction(async (manager) => {
      await this.assertCodeFree(auth, code, null, manager);
      const row = await manager
        .save(
          manager.create(Recommendation, {
            organisationId: auth.organisationId,
            sourceKind: 'organisation',
            code,
            focusArea: input.focusArea,
            title: required(input.title, 'title'),
            summary: (input.summary ?? '').trim(),
            sourceLabel: required(input.sourceLabel, 'sourceLabel'),
            sourceReference: (input.sourceReference ?? '').trim(),
            verification: null,
            evidence: evidenceOf(input.evidence ?? []),
            withdrawn: false,
            catalogueVersion: null,
          }),
        )
        .catch(rethrowTaken);
      await this.audit.record(
        auth,
        { action: 'recommendation.create', objectType: 'recommendation', objectId: row.id },
        manager,
      );
      return row.id;
    });
    return this.get(auth, id);
  }

  async update(auth: AuthContext, id: string, input: RecommendationUpdateDto): Promise<Recommendation> {
    const changes: Partial<Recommendation> = {};
    if (input.code !== undefined) changes.code = input.code.trim();
    if (input.focusArea !== undefined) changes.focusArea = input.focusArea;
    if (input.title !== undefined) changes.title = required(input.title, 'title');
    if (input.summary !== undefined) changes.summary = input.summary.trim();
    if (input.sourceLabel !== undefined) changes.sourceLabel = required(input.sourceLabel, 'sourceLabel');
    if (input.sourceReference !== undefined) changes.sourceReference = input.sourceReference.trim();
    if (input.evidence !== undefined) changes.evidence = evidenceOf(input.evidence);
    if (input.withdrawn !== undefined) changes.withdrawn = input.withdrawn;
    await this.db.transaction(async (manager) => {
      await this.ownRow(auth, id, manager);
      if (changes.code !== undefined) await this.assertCodeFree(auth, changes.code, id, manager);
      if (Object.keys(changes).length > 0)
        await manager.update(Recommendation, { id, organisationId: auth.organisationId }, changes).catch(rethrowTaken);
      await this.audit.record(
        auth,
        {
          action: 'recommendation.update',
          objectType: 'recommendation',
          objectId: id,
          details: { fields: Object.keys(changes) },
        },
        manager,
      );
    });
    return this.get(auth, id);
  }

  /** For entries made by mistake; one that later records cite is withdrawn instead (their foreign keys refuse). */
  async remove(auth: AuthContext, id: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      await this.ownRow(auth, id, manager, true);
      await manager
        .query(`DELETE FROM recommendations WHERE id = $1 AND organization_id = $2`, [id, auth.organisationId])
        .catch((error: unknown) => {
          if ((error as { code?: string }).code === '23503') throw new RecommendationInUseError();
          throw error;
        });
      await this.audit.record(
        auth,
        { action: 'recommendation.delete', objectType: 'recommendation', objectId: id },
        manager,
      );
    });
  }

  /**
   * The recommendations these codes name for the organisation (its own first, should a newer Study file ever take a
   * code an organisation already used), withdrawn ones included: old links keep resolving.
   */
  async byCodes(
    scope: OrgScope,
    codes: string[],
    manager: EntityManager = this.db.manager,
  ): Promise<Map<string, Recommendation>> {
    const unique = [...new Set(codes)];
    if (unique.length === 0) return new Map();
    const rows = await manager.getRepository(Recommendation).find({
      where: [
        { code: In(unique), organisationId: scope.organisationId },
        { code: In(unique), organisationId: IsNull() },
      ],
    });
    const byCode = new Map<string, Recommendation>();
    for (const row of rows) if (!byCode.has(row.code) || row.organisationId) byCode.set(row.code, row);
    return byCode;
  }

  /** For features that cite by code: refuses, naming `field`, codes the organisation's catalogue does not hold. */
  async assertCodes(scope: OrgScope, field: string, codes: string[], manager?: EntityManager): Promise<void> {
    const found = await this.byCodes(scope, codes, manager);
    const missing = [...new Set(codes)].filter((c) => !found.has(c));
    if (missing.length > 0) throw new UnknownRecommendationCodeError(field, missing);
  }

  async byIds(scope: OrgScope, ids: string[], manager: EntityManager = this.db.manager): Promise<Recommendation[]> {
    if (ids.length === 0) return [];
    const found = await manager.getRepository(Recommendation).find({
      where: [
        { id: In(ids), organisationId: scope.organisationId },
        { id: In(ids), organisationId: IsNull() },
      ],
    });
    const byId = new Map(found.map((r) => [r.id, r]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** Locked, so a concurrent edit waits; the Study's rows answer 409, another organisation's 404. */
  private async ownRow(auth: AuthContext, id: string, manager: EntityManager, lock = false): Promise<void> {
    const row = await sqlRow<{ organization_id: string | null }>(
      manager,
      `SELECT organization_id FROM recommendations r WHERE id = $2 AND ${VISIBLE}${lock ? ' FOR UPDATE' : ''}`,
      [auth.organisationId, id],
    );
    if (!row) throw new NotFoundError('Recommendation');
    if (row.organization_id === null) throw new RecommendationFromStudyError();
  }

  private async assertCodeFree(
    auth: AuthContext,
    code: string,
    id: string | null,
    manager: EntityManager,
  ): Promise<void> {
    const taken = await sqlRow<{ organization_id: string | null }>(
      manager,
      `SELECT organization_id FROM recommendations r WHERE code = $2 AND ${VISIBLE} AND id IS DISTINCT FROM $3 LIMIT 1`,
      [auth.organisationId, code, id],
    );
    if (taken) throw new RecommendationCodeTakenError(taken.organization_id === null);
  }
}

/** Trimmed; blank text is refused naming the field (the DTO lets spaces through). */
function required(value: string, field: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw new InvalidInputError({ [field]: [`${field} must not be blank`] });
  return trimmed;
}

const evidenceOf = (links: { url: string; supports: string }[]): { url: string; supports: string }[] =>
  links.map((l) => ({ url: l.url.trim(), supports: l.supports.trim() }));

function rethrowTaken(error: unknown): never {
  const constraint = (error as { constraint?: string; driverError?: { constraint?: string } }).driverError?.constraint;
  if (constraint === 'recommendations_org_code_uq') throw new RecommendationCodeTakenError(false);
  throw error;
}
