import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { AuthContext, OrgScope } from '#rally/access';
import { AuditLog } from '#rally/access';
import { escapeLike, InvalidInputError, NotFoundError, sqlOne, sqlRows } from '#rally/core';
import { text, violatedUniqueIndex } from '../directory/target-input.js';
import type { AreaLookupCreateDto, AreaLookupUpdateDto } from '../dto/area-lookup.dto.js';
import { AreaLookup } from '../entities/area-lookup.entity.js';
import { AreaLookupPrefixTakenError } from '../targets.exception.js';
import { normalisePostcode, POSTCODE_PREFIX } from './postcode.js';

/** The prefix as stored and looked up; refused (422) when nothing of a postcode is left once normalised. */
export function areaPrefix(value: string): string {
  const prefix = normalisePostcode(value);
  if (!POSTCODE_PREFIX.test(prefix))
    throw new InvalidInputError({
      postcodePrefix: ['postcodePrefix must be 1 to 12 letters or digits once spaces and dashes are removed'],
    });
  return prefix;
}

/** The organisation's postcode-prefix -> region table, by hand (the CSV import writes the same rows). */
@Injectable()
export class AreaLookupService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async list(
    scope: OrgScope,
    query: { country?: string; q?: string; limit: number; offset: number },
  ): Promise<{ items: AreaLookup[]; total: number }> {
    const params: unknown[] = [scope.organisationId, query.country ?? null];
    let filter = 'organization_id = $1 AND ($2::text IS NULL OR country = $2)';
    const q = query.q?.trim();
    if (q) {
      params.push(`${escapeLike(normalisePostcode(q))}%`, `%${escapeLike(q)}%`);
      filter += ' AND (postcode_prefix LIKE $3 OR region_code ILIKE $4 OR label ILIKE $4)';
    }
    const [{ total }, rows] = await Promise.all([
      sqlOne<{ total: number }>(this.db, `SELECT count(*)::int AS total FROM area_lookups WHERE ${filter}`, params),
      sqlRows<{ id: string }>(
        this.db,
        `SELECT id FROM area_lookups WHERE ${filter} ORDER BY country, postcode_prefix, id
         LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, query.limit, query.offset],
      ),
    ]);
    if (rows.length === 0) return { items: [], total };
    const found = await this.db
      .getRepository(AreaLookup)
      .findBy({ id: In(rows.map((r) => r.id)), organisationId: scope.organisationId });
    const byId = new Map(found.map((a) => [a.id, a]));
    return { items: rows.flatMap((r) => byId.get(r.id) ?? []), total };
  }

  async get(scope: OrgScope, id: string): Promise<AreaLookup> {
    const row = await this.db.getRepository(AreaLookup).findOneBy({ id, organisationId: scope.organisationId });
    if (!row) throw new NotFoundError('Area lookup');
    return row;
  }

  async create(auth: AuthContext, input: AreaLookupCreateDto): Promise<AreaLookup> {
    const row = {
      organisationId: auth.organisationId,
      country: input.country,
      postcodePrefix: areaPrefix(input.postcodePrefix),
      regionCode: text(input.regionCode, 'regionCode', true),
      label: text(input.label ?? '', 'label'),
    };
    return this.db.transaction(async (manager) => {
      const saved = await manager.save(manager.create(AreaLookup, row)).catch(rethrowTaken);
      await this.audit.record(
        auth,
        { action: 'area-lookup.create', objectType: 'area-lookup', objectId: saved.id },
        manager,
      );
      return saved;
    });
  }

  async update(auth: AuthContext, id: string, input: AreaLookupUpdateDto): Promise<AreaLookup> {
    const changes: Partial<AreaLookup> = {};
    if (input.country !== undefined) changes.country = input.country;
    if (input.postcodePrefix !== undefined) changes.postcodePrefix = areaPrefix(input.postcodePrefix);
    if (input.regionCode !== undefined) changes.regionCode = text(input.regionCode, 'regionCode', true);
    if (input.label !== undefined) changes.label = text(input.label, 'label');
    await this.get(auth, id);
    await this.db.transaction(async (manager) => {
      if (Object.keys(changes).length > 0)
        await manager.update(AreaLookup, { id, organisationId: auth.organisationId }, changes).catch(rethrowTaken);
      await this.audit.record(
        auth,
        {
          action: 'area-lookup.update',
          objectType: 'area-lookup',
          objectId: id,
          details: { fields: Object.keys(changes) },
        },
        manager,
      );
    });
    return this.get(auth, id);
  }

  async remove(auth: AuthContext, id: string): Promise<void> {
    const row = await this.get(auth, id);
    await this.db.transaction(async (manager) => {
      await manager.delete(AreaLookup, { id, organisationId: auth.organisationId });
      await this.audit.record(
        auth,
        {
          action: 'area-lookup.delete',
          objectType: 'area-lookup',
          objectId: id,
          details: { country: row.country, postcodePrefix: row.postcodePrefix, regionCode: row.regionCode },
        },
        manager,
      );
    });
  }
}

function rethrowTaken(error: unknown): never {
  if (violatedUniqueIndex(error) === 'area_lookups_org_country_prefix_uq') throw new AreaLookupPrefixTakenError();
  throw error;
}
