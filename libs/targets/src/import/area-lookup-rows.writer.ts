import { randomUUID } from 'node:crypto';
import type { OrgScope } from '#rally/access';
import type { SqlRunner } from '#rally/core';
import { sqlRows } from '#rally/core';
import type { ImportRowError, MissingEntryPolicy } from '../entities/target-import.entity.js';
import type { ImportCounts, ImportLedger, ImportWriter } from './import-batch.js';
import type { AreaLookupValues, ColumnIndex, ParsedRow } from './import-rows.js';
import { parseAreaLookupRow } from './import-rows.js';

type Row = ParsedRow<AreaLookupValues>;
type Stored = AreaLookupValues & { id: string };

/** Upserts a batch of area lookup rows on (country, prefix): one read and one INSERT ... ON CONFLICT per batch. */
export class AreaLookupRowsWriter implements ImportWriter<AreaLookupValues> {
  constructor(
    private readonly db: SqlRunner,
    private readonly scope: OrgScope,
    private readonly ledger: ImportLedger,
  ) {}

  parse(row: number, cells: readonly string[], index: ColumnIndex): Row {
    return parseAreaLookupRow(row, cells, index);
  }

  async write(rows: Row[], counts: ImportCounts): Promise<ImportRowError[]> {
    const { unique, errors } = await this.ledger.claimKeys(
      rows.filter((r) => r.errors.length === 0),
      () => 'postcodePrefix',
      'country and postcode prefix',
    );
    // A row with errors but a readable key still keeps its entry from the missing-entry policy.
    const keyed = [...unique, ...rows.filter((r) => r.errors.length > 0 && r.keys)];
    const stored = await this.stored(keyed);
    const marks: { id: string; row: number }[] = [];
    const writes: Stored[] = [];
    for (const r of keyed) {
      const before = stored.get(r.keys?.[0] as string);
      if (r.errors.length > 0) {
        if (before) marks.push({ id: before.id, row: r.row });
        continue;
      }
      const after = { label: '', ...before, ...definedOf(r.values), id: before?.id ?? randomUUID() } as Stored;
      marks.push({ id: after.id, row: r.row });
      if (!before) counts.created += 1;
      else if (before.regionCode === after.regionCode && before.label === after.label) {
        counts.unchanged += 1;
        continue;
      } else counts.updated += 1;
      writes.push(after);
    }
    if (writes.length > 0)
      await this.db.query(
        `INSERT INTO area_lookups (id, organization_id, country, postcode_prefix, region_code, label)
         SELECT id, $1, country, postcode_prefix, region_code, label FROM json_populate_recordset(NULL::area_lookups, $2::json)
         ON CONFLICT (organization_id, country, postcode_prefix)
         DO UPDATE SET region_code = excluded.region_code, label = excluded.label`,
        [
          this.scope.organisationId,
          JSON.stringify(
            writes.map((w) => ({
              id: w.id,
              country: w.country,
              postcode_prefix: w.postcodePrefix,
              region_code: w.regionCode,
              label: w.label,
            })),
          ),
        ],
      );
    await this.ledger.markSeen(marks);
    return errors;
  }

  /** The lookup has no active flag: missing entries are kept or deleted. */
  async removeMissing(policy: MissingEntryPolicy): Promise<number> {
    if (policy !== 'delete') return 0;
    return this.ledger.countUnseen(
      (unseen) => `DELETE FROM area_lookups x WHERE x.organization_id = $1 AND ${unseen}`,
      [this.scope.organisationId],
    );
  }

  private async stored(rows: Row[]): Promise<Map<string, Stored>> {
    if (rows.length === 0) return new Map();
    const found = await sqlRows<Stored>(
      this.db,
      `SELECT a.id, a.country, a.postcode_prefix AS "postcodePrefix", a.region_code AS "regionCode", a.label
       FROM area_lookups a JOIN unnest($2::text[], $3::text[]) AS k(country, prefix)
         ON a.country = k.country AND a.postcode_prefix = k.prefix
       WHERE a.organization_id = $1`,
      [
        this.scope.organisationId,
        rows.map((r) => r.values.country as string),
        rows.map((r) => r.values.postcodePrefix as string),
      ],
    );
    return new Map(found.map((a) => [`${a.country}:${a.postcodePrefix}`, a]));
  }
}

const definedOf = (values: Partial<AreaLookupValues>): Partial<AreaLookupValues> =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
