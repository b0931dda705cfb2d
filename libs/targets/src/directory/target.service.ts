import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource, In } from 'typeorm';
import type { AuthContext, OrgScope } from '#rally/access';
import { AuditLog } from '#rally/access';
import { escapeLike, NotFoundError, sqlOne, sqlRow, sqlRows } from '#rally/core';
import type { TargetCreateDto, TargetSort, TargetUpdateDto } from '../dto/target.dto.js';
import type { TargetEmailState } from '../entities/target-email.entity.js';
import { TargetEmail } from '../entities/target-email.entity.js';
import type { TargetKind } from '../entities/target.entity.js';
import { Target } from '../entities/target.entity.js';
import type { StudyFocusArea } from '../focus-areas.js';
import { TargetEmailTakenError, TargetExternalIdTakenError, TargetInUseError } from '../targets.exception.js';
import { normaliseTargetAddress } from './target-address.js';
import { byPosition, canonicalTimeZone, codes, text, violatedUniqueIndex } from './target-input.js';

export interface TargetListQuery {
  q?: string;
  kind?: TargetKind;
  country?: string;
  region?: string;
  focusArea?: StudyFocusArea;
  tag?: string;
  active?: boolean;
  emailState?: TargetEmailState;
  sort?: TargetSort;
  limit: number;
  offset: number;
}

const ORDER: Record<TargetSort, string> = {
  name: 't.name ASC, t.id ASC',
  newest: 't.created_at DESC, t.id ASC',
  updated: 't.updated_at DESC, t.id ASC',
};

/** The directory's entries and their fields; addresses change through TargetEmailService. */
@Injectable()
export class TargetService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async create(auth: AuthContext, input: TargetCreateDto): Promise<Target> {
    const addresses = input.emails.map((a) => a.trim());
    const normalised = addresses.map(normaliseTargetAddress);
    const repeat = normalised.findIndex((n, i) => normalised.indexOf(n) !== i);
    if (repeat >= 0) throw new TargetEmailTakenError(`emails.${repeat}`);
    const id = await this.db.transaction(async (manager) => {
      const target = await manager
        .save(
          manager.create(Target, {
            organisationId: auth.organisationId,
            kind: input.kind,
            name: text(input.name, 'name', true),
            title: text(input.title ?? '', 'title'),
            body: text(input.body ?? '', 'body'),
            salutation: text(input.salutation ?? '', 'salutation'),
            country: input.country,
            regionCodes: codes(input.regionCodes ?? [], 'regionCodes'),
            language: input.language,
            timeZone: input.timeZone ? canonicalTimeZone(input.timeZone) : null,
            focusAreas: [...new Set(input.focusAreas ?? [])],
            tags: codes(input.tags ?? [], 'tags'),
            externalId: input.externalId == null ? null : text(input.externalId, 'externalId', true),
            notes: input.notes ?? '',
            active: input.active ?? true,
          }),
        )
        .catch(rethrowTaken);
      await manager.save(
        addresses.map((address, position) =>
          manager.create(TargetEmail, {
            organisationId: auth.organisationId,
            targetId: target.id,
            address,
            addressNormalized: normalised[position],
            state: 'active',
            position,
          }),
        ),
      );
      await this.audit.record(auth, { action: 'target.create', objectType: 'target', objectId: target.id }, manager);
      return target.id;
    });
    return this.get(auth, id);
  }

  async list(scope: OrgScope, query: TargetListQuery): Promise<{ items: Target[]; total: number }> {
    const params: unknown[] = [scope.organisationId];
    const where = ['t.organization_id = $1'];
    const add = (sql: (p: string) => string, value: unknown): void => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (query.q)
      add(
        (p) =>
          `(t.name ILIKE ${p} OR t.title ILIKE ${p} OR t.body ILIKE ${p} OR EXISTS (SELECT 1 FROM target_emails e WHERE e.target_id = t.id AND e.address_normalized ILIKE ${p}))`,
        `%${escapeLike(query.q.trim())}%`,
      );
    if (query.kind) add((p) => `t.kind = ${p}`, query.kind);
    if (query.country) add((p) => `t.country = ${p}`, query.country);
    if (query.region) add((p) => `t.region_codes @> ARRAY[${p}::text]`, query.region.trim());
    if (query.focusArea) add((p) => `t.focus_areas @> ARRAY[${p}::text]`, query.focusArea);
    if (query.tag) add((p) => `t.tags @> ARRAY[${p}::text]`, query.tag.trim());
    if (query.active !== undefined) add((p) => `t.active = ${p}`, query.active);
    if (query.emailState)
      add(
        (p) => `EXISTS (SELECT 1 FROM target_emails e WHERE e.target_id = t.id AND e.state = ${p})`,
        query.emailState,
      );
    const filter = where.join(' AND ');
    const [{ total }, rows] = await Promise.all([
      sqlOne<{ total: number }>(this.db, `SELECT count(*)::int AS total FROM targets t WHERE ${filter}`, params),
      sqlRows<{ id: string }>(
        this.db,
        `SELECT t.id FROM targets t WHERE ${filter} ORDER BY ${ORDER[query.sort ?? 'name']}
         LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, query.limit, query.offset],
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

  /** Another organisation's target is indistinguishable from a missing one. */
  async get(scope: OrgScope, id: string, manager: EntityManager = this.db.manager): Promise<Target> {
    const [target] = await this.byIds(scope, [id], manager);
    if (!target) throw new NotFoundError('Target');
    return target;
  }

  async update(auth: AuthContext, id: string, input: TargetUpdateDto): Promise<Target> {
    const changes: Partial<Target> = {};
    if (input.kind !== undefined) changes.kind = input.kind;
    if (input.name !== undefined) changes.name = text(input.name, 'name', true);
    if (input.title !== undefined) changes.title = text(input.title, 'title');
    if (input.body !== undefined) changes.body = text(input.body, 'body');
    if (input.salutation !== undefined) changes.salutation = text(input.salutation, 'salutation');
    if (input.country !== undefined) changes.country = input.country;
    if (input.regionCodes !== undefined) changes.regionCodes = codes(input.regionCodes, 'regionCodes');
    if (input.language !== undefined) changes.language = input.language;
    if (input.timeZone !== undefined) changes.timeZone = input.timeZone ? canonicalTimeZone(input.timeZone) : null;
    if (input.focusAreas !== undefined) changes.focusAreas = [...new Set(input.focusAreas)];
    if (input.tags !== undefined) changes.tags = codes(input.tags, 'tags');
    if (input.externalId !== undefined)
      changes.externalId = input.externalId === null ? null : text(input.externalId, 'externalId', true);
    if (input.notes !== undefined) changes.notes = input.notes;
    if (input.active !== undefined) changes.active = input.active;
    await this.db.transaction(async (manager) => {
      await this.get(auth, id, manager);
      if (Object.keys(changes).length > 0)
        await manager.update(Target, { id, organisationId: auth.organisationId }, changes).catch(rethrowTaken);
      await this.audit.record(
        auth,
        { action: 'target.update', objectType: 'target', objectId: id, details: { fields: Object.keys(changes) } },
        manager,
      );
    });
    return this.get(auth, id);
  }

  /**
   * Only a target nothing refers to: responsibilities are history (and letters will be). Deactivating keeps both.
   * The row lock makes a responsibility created meanwhile wait for this transaction, then fail on its foreign key.
   */
  async remove(auth: AuthContext, id: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const locked = await sqlRow<{ id: string }>(
        manager,
        `SELECT id FROM targets WHERE id = $1 AND organization_id = $2 FOR UPDATE`,
        [id, auth.organisationId],
      );
      if (!locked) throw new NotFoundError('Target');
      const { n } = await sqlOne<{ n: number }>(
        manager,
        `SELECT count(*)::int AS n FROM target_responsibilities WHERE target_id = $1`,
        [id],
      );
      if (n > 0) throw new TargetInUseError(`${n} responsibilit${n === 1 ? 'y' : 'ies'}`);
      // Letters reference their target (a foreign key that restricts deletion): the letters stay, so does the target.
      await manager
        .query(`DELETE FROM targets WHERE id = $1 AND organization_id = $2`, [id, auth.organisationId])
        .catch((error: unknown) => {
          if ((error as { code?: string }).code === '23503') throw new TargetInUseError('letters');
          throw error;
        });
      await this.audit.record(auth, { action: 'target.delete', objectType: 'target', objectId: id }, manager);
    });
  }

  /** Targets of the organisation with their addresses in position order, in the order of `ids`. */
  async byIds(scope: OrgScope, ids: string[], manager: EntityManager = this.db.manager): Promise<Target[]> {
    if (ids.length === 0) return [];
    const found = await manager.getRepository(Target).find({
      where: { id: In(ids), organisationId: scope.organisationId },
      relations: { emails: true },
    });
    const byId = new Map(found.map((t) => [t.id, t]));
    return ids.flatMap((id) => {
      const target = byId.get(id);
      if (!target) return [];
      target.emails = (target.emails ?? []).sort(byPosition);
      return [target];
    });
  }
}

function rethrowTaken(error: unknown): never {
  if (violatedUniqueIndex(error) === 'targets_org_external_uq') throw new TargetExternalIdTakenError();
  throw error;
}
