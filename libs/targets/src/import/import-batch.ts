import type { SqlRunner } from '#rally/core';
import { sqlCount, sqlRows } from '#rally/core';
import type { MissingEntryPolicy, ImportRowError } from '../entities/target-import.entity.js';
import type { ColumnIndex, ParsedRow } from './import-rows.js';

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
}

/** What one kind of import does with a batch of rows; the pass around it streams, counts and reports. */
export interface ImportWriter<V> {
  parse(row: number, cells: readonly string[], index: ColumnIndex): ParsedRow<V>;
  /** Writes the valid rows, returns the errors it found across rows (duplicates, ambiguous matches). */
  write(rows: ParsedRow<V>[], counts: ImportCounts): Promise<ImportRowError[]>;
  /** Disables or deletes the organisation's entries no row of the file matched; returns how many. */
  removeMissing(policy: MissingEntryPolicy): Promise<number>;
}

/**
 * The pass's memory of the file, kept in the transaction's temporary tables rather than in the worker: the keys
 * already seen (so a repeat names its first row) and the entries matched (for the missing-entry policy). A 50 MiB
 * file of short rows is a million keys; in PostgreSQL that costs the worker nothing.
 */
export class ImportLedger {
  constructor(private readonly db: SqlRunner) {}

  async create(): Promise<void> {
    await this.db.query(
      `CREATE TEMP TABLE target_import_keys (key text PRIMARY KEY, row int NOT NULL) ON COMMIT DROP;
       CREATE TEMP TABLE target_import_seen (id uuid PRIMARY KEY, row int NOT NULL) ON COMMIT DROP`,
    );
  }

  /**
   * The rows whose keys no earlier row had, each key recorded with its row; a repeat is reported on `field` of the
   * later row, naming the first.
   */
  async claimKeys<V>(
    rows: ParsedRow<V>[],
    fieldOf: (row: ParsedRow<V>) => string,
    what: string,
  ): Promise<{ unique: ParsedRow<V>[]; errors: ImportRowError[] }> {
    const keys = rows.flatMap((r) => r.keys ?? []);
    const earlier = new Map(
      (
        await sqlRows<{ key: string; row: number }>(
          this.db,
          `SELECT key, row FROM target_import_keys WHERE key = ANY($1::text[])`,
          [keys],
        )
      ).map((k) => [k.key, k.row]),
    );
    const unique: ParsedRow<V>[] = [];
    const errors: ImportRowError[] = [];
    for (const r of rows) {
      const first = (r.keys ?? []).map((k) => earlier.get(k)).find((n) => n !== undefined);
      if (first !== undefined) {
        errors.push({ row: r.row, field: fieldOf(r), message: `the same ${what} as row ${first}` });
        continue;
      }
      for (const k of r.keys ?? []) earlier.set(k, r.row);
      unique.push(r);
    }
    const claimed = unique.flatMap((r) => (r.keys ?? []).map((k) => [k, r.row] as const));
    if (claimed.length > 0)
      await this.db.query(
        `INSERT INTO target_import_keys (key, row) SELECT * FROM unnest($1::text[], $2::int[]) ON CONFLICT DO NOTHING`,
        [claimed.map(([k]) => k), claimed.map(([, n]) => n)],
      );
    return { unique, errors };
  }

  /** The rows that already matched each of these entries. */
  async seenRows(ids: string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows = await sqlRows<{ id: string; row: number }>(
      this.db,
      `SELECT id, row FROM target_import_seen WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.row]));
  }

  async markSeen(entries: { id: string; row: number }[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db.query(
      `INSERT INTO target_import_seen (id, row) SELECT * FROM unnest($1::uuid[], $2::int[]) ON CONFLICT DO NOTHING`,
      [entries.map((e) => e.id), entries.map((e) => e.row)],
    );
  }

  /** Runs a statement over the organisation's entries the file did not match (`unseen` names the condition). */
  async countUnseen(sql: (unseen: string) => string, parameters: unknown[]): Promise<number> {
    return sqlCount(this.db, sql('NOT EXISTS (SELECT 1 FROM target_import_seen s WHERE s.id = x.id)'), parameters);
  }
}
