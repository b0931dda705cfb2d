import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { OrgScope } from '#rally/access';
import { csvCell, sqlRows } from '#rally/core';
import { AREA_LOOKUP_FIELDS, TARGET_FIELDS } from '../import/import-fields.js';

const PAGE = 2_000;

type Cell = string | boolean | null;

/**
 * The directory and the area lookup as CSV, streamed by keyset pages of 2,000 (the next page is read only when the
 * client has taken the previous one). Columns and cell formats are the import's own (lists joined by `;`), so a file
 * exported and imported again changes nothing.
 */
@Injectable()
export class TargetExport {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  targets(scope: OrgScope): Readable {
    return Readable.from(this.targetLines(scope), { objectMode: false });
  }

  areaLookups(scope: OrgScope): Readable {
    return Readable.from(this.areaLookupLines(scope), { objectMode: false });
  }

  private async *targetLines(scope: OrgScope): AsyncGenerator<string> {
    yield header(TARGET_FIELDS.map((f) => f.column));
    // Keyset on (name, id), the order staff read the directory in; targets_org_name_idx serves it.
    let after: { name: string; id: string } | null = null;
    for (;;) {
      const rows: (Record<string, Cell> & { id: string; name: string })[] = await sqlRows(
        this.db,
        `SELECT t.id, t.name, t.kind, t.title, t.body, t.salutation, t.country,
                array_to_string(t.region_codes, ';') AS region_codes, t.language, t.time_zone,
                array_to_string(t.focus_areas, ';') AS focus_areas, array_to_string(t.tags, ';') AS tags,
                t.external_id, t.notes, t.active,
                (SELECT string_agg(e.address, ';' ORDER BY e.position, e.created_at, e.id)
                 FROM target_emails e WHERE e.target_id = t.id) AS emails
         FROM targets t
         WHERE t.organization_id = $1 AND ($2::text IS NULL OR (t.name, t.id) > ($2, $3::uuid))
         ORDER BY t.name, t.id LIMIT $4`,
        [scope.organisationId, after?.name ?? null, after?.id ?? null, PAGE],
      );
      if (rows.length === 0) return;
      yield lines(
        rows,
        TARGET_FIELDS.map((f) => f.column),
      );
      const last = rows[rows.length - 1];
      after = { name: last.name, id: last.id };
      if (rows.length < PAGE) return;
    }
  }

  private async *areaLookupLines(scope: OrgScope): AsyncGenerator<string> {
    yield header(AREA_LOOKUP_FIELDS.map((f) => f.column));
    let after: { country: string; prefix: string } | null = null;
    for (;;) {
      const rows: (Record<string, Cell> & { country: string; postcode_prefix: string })[] = await sqlRows(
        this.db,
        `SELECT country, postcode_prefix, region_code, label FROM area_lookups
         WHERE organization_id = $1 AND ($2::text IS NULL OR (country, postcode_prefix) > ($2, $3::text))
         ORDER BY country, postcode_prefix LIMIT $4`,
        [scope.organisationId, after?.country ?? null, after?.prefix ?? null, PAGE],
      );
      if (rows.length === 0) return;
      yield lines(
        rows,
        AREA_LOOKUP_FIELDS.map((f) => f.column),
      );
      const last = rows[rows.length - 1];
      after = { country: last.country, prefix: last.postcode_prefix };
      if (rows.length < PAGE) return;
    }
  }
}

const header = (columns: string[]): string => columns.join(',') + '\r\n';

const lines = (rows: Record<string, Cell>[], columns: string[]): string =>
  rows.map((r) => columns.map((c) => csvCell(r[c] ?? null)).join(',')).join('\r\n') + '\r\n';
