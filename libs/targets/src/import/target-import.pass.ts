import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { parse } from 'csv-parse';
import type { QueryRunner } from 'typeorm';
import { DataSource } from 'typeorm';
import { sqlRow } from '#rally/core';
import type { ImportRowError, TargetImport } from '../entities/target-import.entity.js';
import { AreaLookupRowsWriter } from './area-lookup-rows.writer.js';
import type { ImportCounts, ImportWriter } from './import-batch.js';
import { ImportLedger } from './import-batch.js';
import { csvOptions, detectDelimiter, headOf, readChunks } from './import-file.js';
import type { ColumnIndex, ParsedRow } from './import-rows.js';
import { isBlankRecord } from './import-rows.js';
import { TargetRowsWriter } from './target-rows.writer.js';

/** Rows per batch: a few statements each, so 50,000 rows are ~100 round trips of ~7 statements, and a batch's JSON stays near 200 KB. */
const BATCH_ROWS = 500;
/** The import keeps the first errors for the console; errorCount has them all. */
export const MAX_KEPT_ERRORS = 1_000;

export class ImportFileUnreadableError extends Error {}

/**
 * One pass over a stored import: the file streamed from its chunks through csv-parse, every row validated, then
 * written in batches inside one transaction, and the missing-entry policy at the end. A check rolls the transaction
 * back and an apply commits it, so a check's counts are what the same apply would do on the same directory, and an
 * apply that fails half-way leaves the directory as it was. Imports of one organisation run one at a time.
 */
@Injectable()
export class TargetImportPass {
  private readonly logger = new Logger('TargetImport');

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async run(target: TargetImport, apply: boolean): Promise<'done' | 'skipped'> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(`SELECT pg_advisory_xact_lock(hashtext('targets.import'), hashtext($1))`, [
        target.organisationId,
      ]);
      // Re-read under the lock: a second delivery of the same job (or a newer request) finds the work done.
      const now = await sqlRow<Pick<TargetImport, 'status' | 'mapping' | 'missing'>>(
        runner,
        `SELECT status, mapping, missing FROM target_imports WHERE id = $1`,
        [target.id],
      );
      if (!now || now.status !== (apply ? 'applying' : 'checking')) {
        await runner.rollbackTransaction();
        return 'skipped';
      }
      const outcome = await this.pass(runner, { ...target, mapping: now.mapping, missing: now.missing }, apply);
      const removed = outcome.removed;
      const final = [
        target.id,
        apply ? 'applied' : 'checked',
        outcome.rows,
        outcome.counts.created,
        outcome.counts.updated,
        outcome.counts.unchanged,
        removed,
        outcome.errorCount,
        JSON.stringify(outcome.errors),
      ];
      const finish = `UPDATE target_imports SET status = $2, rows_done = $3, rows_total = $3, created = $4, updated = $5,
                        unchanged = $6, removed = $7, error_count = $8, errors = $9::jsonb, failure = NULL,
                        finished_at = now(), updated_at = now()
                      WHERE id = $1`;
      if (apply) {
        await runner.query(finish, final);
        await runner.commitTransaction();
      } else {
        await runner.rollbackTransaction();
        await this.db.query(finish, final);
      }
      this.logger.log({ msg: apply ? 'import applied' : 'import checked', importId: target.id, rows: outcome.rows });
      return 'done';
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async pass(
    runner: QueryRunner,
    target: TargetImport,
    apply: boolean,
  ): Promise<{ rows: number; counts: ImportCounts; removed: number; errors: ImportRowError[]; errorCount: number }> {
    const ledger = new ImportLedger(runner);
    await ledger.create();
    const scope = { organisationId: target.organisationId };
    const writer: ImportWriter<object> =
      target.kind === 'targets'
        ? new TargetRowsWriter(runner, scope, ledger)
        : new AreaLookupRowsWriter(runner, scope, ledger);
    const index: ColumnIndex = Object.fromEntries(
      Object.entries(target.mapping).map(([field, column]) => [field, target.columns.indexOf(column)]),
    );
    const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, removed: 0 };
    const errors: ImportRowError[] = [];
    let errorCount = 0;
    const report = (found: ImportRowError[]): void => {
      errorCount += found.length;
      for (const e of found) if (errors.length < MAX_KEPT_ERRORS) errors.push(e);
    };
    // Chunks are read on their own pooled connection, outside the transaction that writes.
    const parser = readChunks(this.db, target.id).pipe(
      parse(csvOptions(detectDelimiter(await headOf(this.db, target.id)))),
    );
    const fileBytes = Number(target.fileBytes);
    let record = 0;
    let rows = 0;
    let batch: ParsedRow<object>[] = [];
    const flush = async (): Promise<void> => {
      // Errors in file order: the cells' own, and those only the batch as a whole can see (repeats, ambiguous matches).
      const found = [...batch.flatMap((r) => r.errors), ...(await writer.write(batch, counts))];
      report(found.sort((a, b) => a.row - b.row));
      batch = [];
      // A check does not know the total yet: it is estimated from the bytes read so far, exact at the end.
      const total = apply
        ? target.rowsTotal
        : Math.max(rows, Math.round((rows * fileBytes) / Math.max(parser.info.bytes, 1)));
      await this.db.query(
        `UPDATE target_imports SET rows_done = $2, rows_total = $3, error_count = $4, updated_at = now() WHERE id = $1`,
        [target.id, rows, total, errorCount],
      );
    };
    try {
      for await (const cells of parser as AsyncIterable<string[]>) {
        record += 1;
        // Row numbers as a spreadsheet shows them: the header is row 1, blank rows count but are skipped.
        if (record === 1 || isBlankRecord(cells)) continue;
        rows += 1;
        const parsed = writer.parse(record, cells, index);
        const extra = cells.slice(target.columns.length).filter((c) => c.trim() !== '');
        if (extra.length > 0)
          parsed.errors.push({
            row: record,
            field: 'row',
            message: `${cells.length} cells for ${target.columns.length} columns: a cell holding the delimiter must be quoted`,
          });
        batch.push(parsed);
        if (batch.length >= BATCH_ROWS) await flush();
      }
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code?.startsWith('CSV_'))
        throw new ImportFileUnreadableError(`row ${record + 1}: ${(error as Error).message}`);
      throw error;
    }
    if (batch.length > 0 || rows === 0) await flush();
    const removed = await writer.removeMissing(target.missing);
    counts.removed = removed;
    return { rows, counts, removed, errors, errorCount };
  }
}
