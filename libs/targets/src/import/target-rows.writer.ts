import { randomUUID } from 'node:crypto';
import type { OrgScope } from '#rally/access';
import type { SqlRunner } from '#rally/core';
import { sqlRows } from '#rally/core';
import { normaliseTargetAddress } from '../directory/target-address.js';
import type { ImportRowError, MissingEntryPolicy } from '../entities/target-import.entity.js';
import type { ImportCounts, ImportLedger, ImportWriter } from './import-batch.js';
import type { ColumnIndex, ParsedRow, TargetValues } from './import-rows.js';
import { parseTargetRow } from './import-rows.js';

type Row = ParsedRow<TargetValues>;
type Stored = Omit<TargetValues, 'emails'> & { id: string; emails: string[] };

const CONTENT: (keyof Omit<TargetValues, 'emails'>)[] = [
  'kind',
  'name',
  'title',
  'body',
  'salutation',
  'country',
  'regionCodes',
  'language',
  'timeZone',
  'focusAreas',
  'tags',
  'externalId',
  'notes',
  'active',
];

/** What a new target gets for the fields the mapping leaves out (the entity's defaults). */
const DEFAULTS: Partial<TargetValues> = {
  title: '',
  body: '',
  salutation: '',
  regionCodes: [],
  timeZone: null,
  focusAreas: [],
  tags: [],
  externalId: null,
  notes: '',
  active: true,
};

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Upserts a batch of target rows with a handful of statements whatever its size: match by external id when the row
 * has one, else by any of its addresses; then one INSERT, one UPDATE and two address statements for the batch, the
 * rows as one JSON parameter read by json_populate_recordset (the signature writer's pattern).
 */
export class TargetRowsWriter implements ImportWriter<TargetValues> {
  constructor(
    private readonly db: SqlRunner,
    private readonly scope: OrgScope,
    private readonly ledger: ImportLedger,
  ) {}

  parse(row: number, cells: readonly string[], index: ColumnIndex): Row {
    return parseTargetRow(row, cells, index);
  }

  async write(rows: Row[], counts: ImportCounts): Promise<ImportRowError[]> {
    // A row with errors is not written, but the entry it names is kept from the missing-entry policy.
    const invalid = rows.filter((r) => r.errors.length > 0 && r.keys);
    if (invalid.length > 0) {
      const { matches } = await this.match(invalid);
      await this.ledger.markSeen(invalid.flatMap((r) => [...(matches.get(r) ?? [])].map((id) => ({ id, row: r.row }))));
    }
    const keyField = (r: Row): string => (r.keys?.[0]?.startsWith('x:') ? 'externalId' : 'emails');
    const valid = rows.filter((r) => r.errors.length === 0);
    const { unique, errors } = await this.ledger.claimKeys(valid, keyField, 'target');
    const { matches } = await this.match(unique);

    const targetOf = new Map<Row, string | null>();
    const matchedIds: string[] = [];
    for (const r of unique) {
      const ids = [...(matches.get(r) ?? [])];
      if (ids.length > 1) {
        errors.push({
          row: r.row,
          field: 'emails',
          message: `these addresses belong to ${ids.length} different targets: give each row an externalId to tell them apart`,
        });
        continue;
      }
      targetOf.set(r, ids[0] ?? null);
      if (ids[0]) matchedIds.push(ids[0]);
    }
    // Two rows may reach one target through different addresses (or an external id and an address).
    const seen = await this.ledger.seenRows(matchedIds);
    for (const [r, id] of targetOf) {
      if (!id) continue;
      const first = seen.get(id);
      if (first !== undefined) {
        errors.push({ row: r.row, field: keyField(r), message: `the same target as row ${first}` });
        targetOf.delete(r);
      } else seen.set(id, r.row);
    }

    const stored = await this.stored([...targetOf.values()].filter((id): id is string => id !== null));
    const creates: Stored[] = [];
    const updates: Stored[] = [];
    const addressesOf: Stored[] = [];
    const marks: { id: string; row: number }[] = [];
    for (const [r, id] of targetOf) {
      const before = id ? stored.get(id) : undefined;
      const after = { ...(before ?? DEFAULTS), ...definedOf(r.values), id: id ?? randomUUID() } as Stored;
      marks.push({ id: after.id, row: r.row });
      if (!before) {
        creates.push(after);
        addressesOf.push(after);
        counts.created += 1;
        continue;
      }
      const contentChanged = CONTENT.some((f) => !same(before[f], after[f]));
      const addressesChanged = !same(before.emails, after.emails);
      if (contentChanged) updates.push(after);
      if (addressesChanged) addressesOf.push(after);
      if (contentChanged || addressesChanged) counts.updated += 1;
      else counts.unchanged += 1;
    }
    await this.insert(creates);
    await this.update(updates);
    await this.replaceAddresses(addressesOf);
    await this.ledger.markSeen(marks);
    return errors;
  }

  async removeMissing(policy: MissingEntryPolicy): Promise<number> {
    if (policy === 'keep') return 0;
    const org = [this.scope.organisationId];
    // Responsibilities and letters keep pointing at a target (history): those are disabled, never deleted.
    const inHistory = `(EXISTS (SELECT 1 FROM target_responsibilities r WHERE r.target_id = x.id)
                        OR EXISTS (SELECT 1 FROM letters l WHERE l.target_id = x.id))`;
    const disabled = await this.ledger.countUnseen(
      (unseen) =>
        `UPDATE targets x SET active = false, updated_at = now()
         WHERE x.organization_id = $1 AND x.active AND ${unseen} ${policy === 'delete' ? `AND ${inHistory}` : ''}`,
      org,
    );
    if (policy === 'disable') return disabled;
    const deleted = await this.ledger.countUnseen(
      (unseen) => `DELETE FROM targets x WHERE x.organization_id = $1 AND ${unseen} AND NOT ${inHistory}`,
      org,
    );
    return disabled + deleted;
  }

  /**
   * The existing targets each row names: by external id; a row whose external id is new, or that has none, by any
   * of its addresses (a row with an external id only adopts a target that has none yet, so a second import that adds
   * an id column updates the targets of the first instead of duplicating them).
   */
  private async match(rows: Row[]): Promise<{ matches: Map<Row, Set<string>> }> {
    const matches = new Map<Row, Set<string>>();
    const add = (r: Row, id: string): void => {
      const set = matches.get(r) ?? new Set<string>();
      set.add(id);
      matches.set(r, set);
    };
    const external = group(
      rows.filter((r) => r.values.externalId),
      (r) => [r.values.externalId as string],
    );
    if (external.size > 0)
      for (const t of await sqlRows<{ id: string; external_id: string }>(
        this.db,
        `SELECT id, external_id FROM targets WHERE organization_id = $1 AND external_id = ANY($2::text[])`,
        [this.scope.organisationId, [...external.keys()]],
      ))
        for (const r of external.get(t.external_id) ?? []) add(r, t.id);
    const byAddress = group(
      rows.filter((r) => !matches.has(r)),
      (r) => (r.values.emails ?? []).map(normaliseTargetAddress),
    );
    if (byAddress.size > 0)
      for (const e of await sqlRows<{ target_id: string; address_normalized: string; has_external_id: boolean }>(
        this.db,
        `SELECT DISTINCT e.target_id, e.address_normalized, t.external_id IS NOT NULL AS has_external_id
         FROM target_emails e JOIN targets t ON t.id = e.target_id
         WHERE e.organization_id = $1 AND e.address_normalized = ANY($2::text[])`,
        [this.scope.organisationId, [...byAddress.keys()]],
      ))
        for (const r of byAddress.get(e.address_normalized) ?? [])
          if (!(r.values.externalId && e.has_external_id)) add(r, e.target_id);
    return { matches };
  }

  private async stored(ids: string[]): Promise<Map<string, Stored>> {
    if (ids.length === 0) return new Map();
    const rows = await sqlRows<Stored>(
      this.db,
      `SELECT t.id, t.kind, t.name, t.title, t.body, t.salutation, t.country, t.region_codes AS "regionCodes",
              t.language, t.time_zone AS "timeZone", t.focus_areas AS "focusAreas", t.tags, t.external_id AS "externalId",
              t.notes, t.active,
              ARRAY(SELECT e.address FROM target_emails e WHERE e.target_id = t.id
                    ORDER BY e.position, e.created_at, e.id) AS emails
       FROM targets t WHERE t.organization_id = $1 AND t.id = ANY($2::uuid[])`,
      [this.scope.organisationId, ids],
    );
    return new Map(rows.map((t) => [t.id, t]));
  }

  private async insert(targets: Stored[]): Promise<void> {
    if (targets.length === 0) return;
    await this.db.query(
      `INSERT INTO targets (id, organization_id, kind, name, title, body, salutation, country, region_codes, language,
                            time_zone, focus_areas, tags, external_id, notes, active)
       SELECT id, $1, kind, name, title, body, salutation, country, region_codes, language,
              time_zone, focus_areas, tags, external_id, notes, active
       FROM json_populate_recordset(NULL::targets, $2::json)`,
      [this.scope.organisationId, JSON.stringify(targets.map(record))],
    );
  }

  private async update(targets: Stored[]): Promise<void> {
    if (targets.length === 0) return;
    await this.db.query(
      `UPDATE targets t SET kind = r.kind, name = r.name, title = r.title, body = r.body, salutation = r.salutation,
              country = r.country, region_codes = r.region_codes, language = r.language, time_zone = r.time_zone,
              focus_areas = r.focus_areas, tags = r.tags, external_id = r.external_id, notes = r.notes,
              active = r.active, updated_at = now()
       FROM json_populate_recordset(NULL::targets, $2::json) r
       WHERE t.id = r.id AND t.organization_id = $1`,
      [this.scope.organisationId, JSON.stringify(targets.map(record))],
    );
  }

  /** The file's addresses become the target's, in its order; an address kept keeps its state (bounced stays bounced). */
  private async replaceAddresses(targets: Stored[]): Promise<void> {
    if (targets.length === 0) return;
    const wanted = JSON.stringify(
      targets.flatMap((t) =>
        t.emails.map((address, position) => ({
          target_id: t.id,
          address,
          address_normalized: normaliseTargetAddress(address),
          position,
        })),
      ),
    );
    await this.db.query(
      `DELETE FROM target_emails e WHERE e.organization_id = $1 AND e.target_id = ANY($2::uuid[])
         AND NOT EXISTS (SELECT 1 FROM json_populate_recordset(NULL::target_emails, $3::json) w
                         WHERE w.target_id = e.target_id AND w.address_normalized = e.address_normalized)`,
      [this.scope.organisationId, targets.map((t) => t.id), wanted],
    );
    await this.db.query(
      `INSERT INTO target_emails (organization_id, target_id, address, address_normalized, position)
       SELECT $1, target_id, address, address_normalized, position
       FROM json_populate_recordset(NULL::target_emails, $2::json)
       ON CONFLICT (target_id, address_normalized) DO UPDATE SET address = excluded.address, position = excluded.position`,
      [this.scope.organisationId, wanted],
    );
  }
}

/** Rows by each of their keys. */
function group(rows: Row[], keysOf: (r: Row) => string[]): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const r of rows)
    for (const key of keysOf(r)) {
      const list = out.get(key);
      if (list) list.push(r);
      else out.set(key, [r]);
    }
  return out;
}

const definedOf = (values: Partial<TargetValues>): Partial<TargetValues> =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));

const record = (t: Stored): Record<string, unknown> => ({
  id: t.id,
  kind: t.kind,
  name: t.name,
  title: t.title,
  body: t.body,
  salutation: t.salutation,
  country: t.country,
  region_codes: t.regionCodes,
  language: t.language,
  time_zone: t.timeZone,
  focus_areas: t.focusAreas,
  tags: t.tags,
  external_id: t.externalId,
  notes: t.notes,
  active: t.active,
});
