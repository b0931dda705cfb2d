import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager, FindOptionsWhere } from 'typeorm';
import { DataSource, IsNull, LessThanOrEqual, MoreThanOrEqual, Or } from 'typeorm';
import type { AuthContext, OrgScope } from '#rally/access';
import { AuditLog } from '#rally/access';
import { NotFoundError, sqlRow, sqlRows } from '#rally/core';
import { RecommendationService } from '#rally/recommendations';
import { violatedForeignKey } from '../directory/target-input.js';
import type { ResponsibilityCreateDto, ResponsibilityUpdateDto } from '../dto/responsibility.dto.js';
import { Responsibility } from '../entities/responsibility.entity.js';
import type { StudyFocusArea } from '../focus-areas.js';
import { ResponsibilityPeriodError, ResponsibilityReplaceSameDayError } from '../targets.exception.js';

export interface ResponsibilityListQuery {
  targetId?: string;
  country?: string;
  focusArea?: StudyFocusArea;
  recommendationCode?: string;
  /** Only rows valid on this day (YYYY-MM-DD). */
  on?: string;
  limit: number;
  offset: number;
}

/**
 * Effective-dated responsibilities. Rows are ended rather than overwritten, so "who answered for migration in
 * March" stays answerable; DELETE is for rows entered by mistake.
 */
@Injectable()
export class ResponsibilityService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly recommendations: RecommendationService,
  ) {}

  /** Newest validFrom first: the console's timeline. */
  async list(scope: OrgScope, query: ResponsibilityListQuery): Promise<{ items: Responsibility[]; total: number }> {
    const where: FindOptionsWhere<Responsibility> = {
      organisationId: scope.organisationId,
      ...(query.targetId ? { targetId: query.targetId } : {}),
      ...(query.country ? { country: query.country } : {}),
      ...(query.focusArea ? { focusArea: query.focusArea } : {}),
      ...(query.recommendationCode ? { recommendationCode: query.recommendationCode } : {}),
      ...(query.on
        ? { validFrom: LessThanOrEqual(query.on), validUntil: Or(IsNull(), MoreThanOrEqual(query.on)) }
        : {}),
    };
    const [items, total] = await this.db.getRepository(Responsibility).findAndCount({
      where,
      relations: { target: true },
      order: { validFrom: 'DESC', createdAt: 'DESC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items, total };
  }

  async forTarget(
    scope: OrgScope,
    targetId: string,
    window: { limit: number; offset: number },
  ): Promise<{ items: Responsibility[]; total: number }> {
    const target = await sqlRow<{ id: string }>(
      this.db,
      `SELECT id FROM targets WHERE id = $1 AND organization_id = $2`,
      [targetId, scope.organisationId],
    );
    if (!target) throw new NotFoundError('Target');
    return this.list(scope, { targetId, ...window });
  }

  async get(scope: OrgScope, id: string): Promise<Responsibility> {
    const row = await this.db.getRepository(Responsibility).findOne({
      where: { id, organisationId: scope.organisationId },
      relations: { target: true },
    });
    if (!row) throw new NotFoundError('Responsibility');
    return row;
  }

  async create(auth: AuthContext, input: ResponsibilityCreateDto): Promise<Responsibility> {
    const validUntil = input.validUntil ?? null;
    if (validUntil !== null && validUntil < input.validFrom) throw new ResponsibilityPeriodError();
    const recommendationCode = input.recommendationCode ?? null;
    if (recommendationCode) await this.recommendations.assertCodes(auth, 'recommendationCode', [recommendationCode]);
    const id = await this.db
      .transaction(async (manager) => {
        // FOR SHARE: a concurrent DELETE of the target waits for this row instead of racing it.
        const target = await sqlRow<{ id: string }>(
          manager,
          `SELECT id FROM targets WHERE id = $1 AND organization_id = $2 FOR SHARE`,
          [input.targetId, auth.organisationId],
        );
        if (!target) throw new NotFoundError('Target');
        const ended = input.replace ? await this.endRunning(auth, { ...input, recommendationCode }, manager) : [];
        const saved = await manager.save(
          manager.create(Responsibility, {
            organisationId: auth.organisationId,
            targetId: input.targetId,
            country: input.country,
            focusArea: input.focusArea,
            recommendationCode,
            validFrom: input.validFrom,
            validUntil,
            note: input.note?.trim() ?? '',
          }),
        );
        for (const endedId of ended)
          await this.audit.record(
            auth,
            {
              action: 'responsibility.end',
              objectType: 'responsibility',
              objectId: endedId,
              details: { replacedBy: saved.id },
            },
            manager,
          );
        await this.audit.record(
          auth,
          {
            action: 'responsibility.create',
            objectType: 'responsibility',
            objectId: saved.id,
            details: { targetId: input.targetId, replaced: ended },
          },
          manager,
        );
        return saved.id;
      })
      .catch((error: unknown) => {
        if (violatedForeignKey(error)) throw new NotFoundError('Target');
        throw error;
      });
    return this.get(auth, id);
  }

  /**
   * A reshuffle: the rows for the same country, focus area and recommendation still running on the new first day
   * end the day before. Serialised per area by an advisory lock so two reshuffles cannot both see the old holder.
   */
  private async endRunning(
    auth: AuthContext,
    input: { country: string; focusArea: string; recommendationCode: string | null; validFrom: string },
    manager: EntityManager,
  ): Promise<string[]> {
    const key = [auth.organisationId, input.country, input.focusArea, input.recommendationCode ?? ''].join('|');
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`responsibility:${key}`]);
    const running = await sqlRows<{ id: string; same_day: boolean }>(
      manager,
      `SELECT id, valid_from = $5::date AS same_day FROM target_responsibilities
       WHERE organization_id = $1 AND country = $2 AND focus_area = $3
         AND recommendation_code IS NOT DISTINCT FROM $4
         AND valid_from <= $5::date AND (valid_until IS NULL OR valid_until >= $5::date)
       FOR UPDATE`,
      [auth.organisationId, input.country, input.focusArea, input.recommendationCode, input.validFrom],
    );
    if (running.some((r) => r.same_day)) throw new ResponsibilityReplaceSameDayError();
    if (running.length === 0) return [];
    const ids = running.map((r) => r.id);
    await manager.query(`UPDATE target_responsibilities SET valid_until = $2::date - 1 WHERE id = ANY($1::uuid[])`, [
      ids,
      input.validFrom,
    ]);
    return ids;
  }

  async update(auth: AuthContext, id: string, input: ResponsibilityUpdateDto): Promise<Responsibility> {
    const row = await this.get(auth, id);
    const changes: Partial<Responsibility> = {};
    if (input.validUntil !== undefined) {
      if (input.validUntil !== null && input.validUntil < row.validFrom) throw new ResponsibilityPeriodError();
      changes.validUntil = input.validUntil;
    }
    if (input.note !== undefined) changes.note = input.note.trim();
    await this.db.transaction(async (manager) => {
      if (Object.keys(changes).length > 0)
        await manager.update(Responsibility, { id, organisationId: auth.organisationId }, changes);
      await this.audit.record(
        auth,
        {
          action: 'responsibility.update',
          objectType: 'responsibility',
          objectId: id,
          details: {
            fields: Object.keys(changes),
            ...(changes.validUntil !== undefined ? { validUntil: changes.validUntil } : {}),
          },
        },
        manager,
      );
    });
    return this.get(auth, id);
  }

  async remove(auth: AuthContext, id: string): Promise<void> {
    const row = await this.get(auth, id);
    await this.db.transaction(async (manager) => {
      await manager.delete(Responsibility, { id, organisationId: auth.organisationId });
      await this.audit.record(
        auth,
        {
          action: 'responsibility.delete',
          objectType: 'responsibility',
          objectId: id,
          details: {
            targetId: row.targetId,
            country: row.country,
            focusArea: row.focusArea,
            recommendationCode: row.recommendationCode,
            validFrom: row.validFrom,
            validUntil: row.validUntil,
          },
        },
        manager,
      );
    });
  }
}
