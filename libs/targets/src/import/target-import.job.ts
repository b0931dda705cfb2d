import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { DEFAULT_JOB_OPTIONS, JobHandler } from '#rally/core';
import { TargetImport } from '../entities/target-import.entity.js';
import { TargetJob } from '../targets.jobs.js';
import { ImportFileUnreadableError, TargetImportPass } from './target-import.pass.js';

/**
 * Checks (dry run) or applies one import. Idempotent: the pass re-reads the status under the organisation's import
 * lock and skips work already done. A file csv-parse cannot read fails the import at once; anything else (database
 * restart) is retried by the queue, and the last try marks the import failed so the console never waits forever.
 */
@Injectable()
export class TargetImportJob {
  private readonly logger = new Logger('TargetImport');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly pass: TargetImportPass,
  ) {}

  @JobHandler(TargetJob.Import)
  async handle(payload: { importId: string; apply: boolean }, job?: Job): Promise<{ outcome: string }> {
    const found = await this.db.getRepository(TargetImport).findOneBy({ id: payload.importId });
    if (!found || found.status !== (payload.apply ? 'applying' : 'checking')) return { outcome: 'skipped' };
    try {
      return { outcome: await this.pass.run(found, payload.apply) };
    } catch (error) {
      const unreadable = error instanceof ImportFileUnreadableError;
      const attempts = job?.opts.attempts ?? DEFAULT_JOB_OPTIONS.attempts ?? 1;
      if (!unreadable && (job?.attemptsMade ?? 0) + 1 < attempts) throw error;
      this.logger.warn({ msg: 'import failed', importId: found.id, error: (error as Error).message });
      await this.db.query(
        `UPDATE target_imports SET status = 'failed', failure = $2, finished_at = now(), updated_at = now()
         WHERE id = $1 AND status IN ('checking', 'applying')`,
        [found.id, unreadable ? (error as Error).message : 'the import stopped on an internal error: try again'],
      );
      return { outcome: 'failed' };
    }
  }
}
