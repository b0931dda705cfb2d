import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { OrgScope } from '#rally/access';
import type { SqlRunner } from '#rally/core';
import { sqlRow, sqlRows } from '#rally/core';
import { postcodePrefixes } from '../area-lookup/postcode.js';
import { isDay } from '../dto/target-fields.js';
import type { TargetKind } from '../entities/target.entity.js';

/** A target letters can go to now: active, with the first active address by position. */
export interface RoutableTarget {
  id: string;
  kind: TargetKind;
  name: string;
  title: string;
  body: string;
  salutation: string;
  country: string;
  regionCodes: string[];
  language: string;
  timeZone: string | null;
  email: { id: string; address: string; addressNormalized: string };
}

interface RoutableRow {
  id: string;
  kind: TargetKind;
  name: string;
  title: string;
  body: string;
  salutation: string;
  country: string;
  region_codes: string[];
  language: string;
  time_zone: string | null;
  email_id: string;
  address: string;
  address_normalized: string;
}

// The first active address of each target: the lateral join drops targets that have none.
const ROUTABLE = `
  SELECT t.id, t.kind, t.name, t.title, t.body, t.salutation, t.country, t.region_codes, t.language, t.time_zone,
         e.id AS email_id, e.address, e.address_normalized
  FROM targets t
  JOIN LATERAL (
    SELECT id, address, address_normalized FROM target_emails
    WHERE target_id = t.id AND organization_id = t.organization_id AND state = 'active'
    ORDER BY position, created_at, id LIMIT 1
  ) e ON true
  WHERE t.organization_id = $1 AND t.active`;

const BY_NAME = 'ORDER BY t.name, t.id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const toRoutable = (r: RoutableRow): RoutableTarget => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  title: r.title,
  body: r.body,
  salutation: r.salutation,
  country: r.country,
  regionCodes: r.region_codes,
  language: r.language,
  timeZone: r.time_zone,
  email: { id: r.email_id, address: r.address, addressNormalized: r.address_normalized },
});

/**
 * What routing asks of the directory, for the letters library in the api (submissions) and the worker (delivery).
 * Only active targets with an active address come back; lists are ordered by name, then id. Pass the transaction's
 * manager to read inside it.
 */
@Injectable()
export class TargetDirectory {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The region of the longest prefix of the postcode the organisation mapped in that country; null: none. */
  async regionForPostcode(
    scope: OrgScope,
    country: string,
    postcode: string,
    manager?: EntityManager,
  ): Promise<string | null> {
    const prefixes = postcodePrefixes(postcode);
    if (prefixes.length === 0) return null;
    // Equality on each prefix uses the (organisation, country, prefix) unique index: at most 12 probes.
    const row = await sqlRow<{ region_code: string }>(
      this.runner(manager),
      `SELECT region_code FROM area_lookups
       WHERE organization_id = $1 AND country = $2 AND postcode_prefix = ANY($3::text[])
       ORDER BY length(postcode_prefix) DESC LIMIT 1`,
      [scope.organisationId, country, prefixes],
    );
    return row?.region_code ?? null;
  }

  /** Targets of the country answering for the region; `kinds` empty: any kind. */
  async byRegion(
    scope: OrgScope,
    q: { country: string; region: string; kinds: string[] },
    manager?: EntityManager,
  ): Promise<RoutableTarget[]> {
    const rows = await sqlRows<RoutableRow>(
      this.runner(manager),
      `${ROUTABLE} AND t.country = $2 AND t.region_codes @> ARRAY[$3::text]
         AND (cardinality($4::text[]) = 0 OR t.kind = ANY($4::text[])) ${BY_NAME}`,
      [scope.organisationId, q.country, q.region, q.kinds],
    );
    return rows.map(toRoutable);
  }

  async byCountry(
    scope: OrgScope,
    q: { country: string; kinds: string[] },
    manager?: EntityManager,
  ): Promise<RoutableTarget[]> {
    const rows = await sqlRows<RoutableRow>(
      this.runner(manager),
      `${ROUTABLE} AND t.country = $2 AND (cardinality($3::text[]) = 0 OR t.kind = ANY($3::text[])) ${BY_NAME}`,
      [scope.organisationId, q.country, q.kinds],
    );
    return rows.map(toRoutable);
  }

  /**
   * Who answers for the focus area (and recommendation) on `day`. Rows for the recommendation win over the
   * focus-area-wide ones; when none of their targets can be written to (inactive, no active address), the
   * focus-area-wide holders answer rather than nobody. A null recommendation asks for the focus-area-wide rows only.
   */
  async responsibleOn(
    scope: OrgScope,
    q: { country: string; focusArea: string; recommendationCode: string | null },
    day: string,
    manager?: EntityManager,
  ): Promise<RoutableTarget[]> {
    if (!isDay(day)) throw new Error(`responsibleOn needs a day as YYYY-MM-DD, got ${JSON.stringify(day)}`);
    const rows = await sqlRows<RoutableRow & { specific: boolean }>(
      this.runner(manager),
      `SELECT DISTINCT ON (r.specific, t.name, t.id) t.*, r.specific FROM (${ROUTABLE}) t
       JOIN (
         SELECT target_id, recommendation_code IS NOT NULL AS specific FROM target_responsibilities
         WHERE organization_id = $1 AND country = $2 AND focus_area = $3
           AND (recommendation_code IS NULL OR recommendation_code = $4)
           AND valid_from <= $5::date AND (valid_until IS NULL OR valid_until >= $5::date)
       ) r ON r.target_id = t.id
       ORDER BY r.specific DESC, t.name, t.id`,
      [scope.organisationId, q.country, q.focusArea, q.recommendationCode, day],
    );
    const specific = rows.filter((r) => r.specific);
    return (specific.length > 0 ? specific : rows).map(toRoutable);
  }

  /** The routable ones among `ids`, in the order given (a supporter's pick, a campaigner's list). */
  async byIds(scope: OrgScope, ids: string[], manager?: EntityManager): Promise<RoutableTarget[]> {
    const wanted = [...new Set(ids.filter((id) => UUID.test(id)).map((id) => id.toLowerCase()))];
    if (wanted.length === 0) return [];
    const rows = await sqlRows<RoutableRow>(this.runner(manager), `${ROUTABLE} AND t.id = ANY($2::uuid[])`, [
      scope.organisationId,
      wanted,
    ]);
    const byId = new Map(rows.map((r) => [r.id, toRoutable(r)]));
    return wanted.flatMap((id) => byId.get(id) ?? []);
  }

  /** Where a letter to the target goes now; null when the target is inactive or has no active address. */
  async primaryAddress(
    scope: OrgScope,
    targetId: string,
    manager?: EntityManager,
  ): Promise<RoutableTarget['email'] | null> {
    const [target] = await this.byIds(scope, [targetId], manager);
    return target?.email ?? null;
  }

  private runner(manager?: EntityManager): SqlRunner {
    return manager ?? this.db;
  }
}
