import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { AuthContext, OrgScope } from '#rally/access';
import { AuditLog } from '#rally/access';
import { InvalidInputError, JobQueue, NotFoundError } from '#rally/core';
import type { MissingEntryPolicy, TargetImportKind } from '../entities/target-import.entity.js';
import { TargetImport } from '../entities/target-import.entity.js';
import { TargetJob } from '../targets.jobs.js';
import {
  TargetImportHasErrorsError,
  TargetImportNotCheckableError,
  TargetImportNotCheckedError,
} from '../targets.exception.js';
import { mappingProblems, suggestMapping } from './import-fields.js';
import { readHeader, storeChunks } from './import-file.js';

const CHECKABLE = new Set(['uploaded', 'checked', 'failed']);

/** The api's side of imports: the upload, the requests to check and apply (run by TargetImportJob), the reads. */
@Injectable()
export class TargetImportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly jobs: JobQueue,
  ) {}

  /**
   * Stores the file as it streams in and reads its header, in one transaction: an upload that is cut off, too large
   * or unreadable leaves nothing behind. It holds one pooled connection while the client sends (50 MiB at most).
   */
  async upload(
    auth: AuthContext,
    input: { kind: TargetImportKind; fileName?: string },
    body: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
    maxBytes?: number,
  ): Promise<TargetImport> {
    return this.db.transaction(async (manager) => {
      const id = randomUUID();
      const { bytes, head } = await storeChunks(manager, id, body, maxBytes);
      if (bytes === 0)
        throw new InvalidInputError({ file: ['the file is empty: its first row must name the columns'] });
      const { columns } = readHeader(head);
      const repo = manager.getRepository(TargetImport);
      const saved = await repo.save(
        repo.create({
          id,
          organisationId: auth.organisationId,
          kind: input.kind,
          fileName: input.fileName ?? '',
          fileBytes: String(bytes),
          columns,
          mapping: suggestMapping(input.kind, columns),
          createdBy: auth.actor.kind === 'user' ? auth.actor.userId : null,
        }),
      );
      await this.audit.record(
        auth,
        {
          action: 'target-import.upload',
          objectType: 'target-import',
          objectId: id,
          details: { kind: input.kind, fileName: saved.fileName, bytes },
        },
        manager,
      );
      return saved;
    });
  }

  async list(
    scope: OrgScope,
    query: { kind?: TargetImportKind; limit: number; offset: number },
  ): Promise<{ items: TargetImport[]; total: number }> {
    const [items, total] = await this.db.getRepository(TargetImport).findAndCount({
      where: { organisationId: scope.organisationId, ...(query.kind ? { kind: query.kind } : {}) },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items, total };
  }

  /** Another organisation's import is indistinguishable from a missing one. */
  async get(scope: OrgScope, id: string, manager: EntityManager = this.db.manager): Promise<TargetImport> {
    const found = await manager.getRepository(TargetImport).findOneBy({ id, organisationId: scope.organisationId });
    if (!found) throw new NotFoundError('Target import');
    return found;
  }

  /** Records the mapping and policy and queues the dry run. */
  async check(
    auth: AuthContext,
    id: string,
    input: { mapping: Record<string, unknown>; missing: MissingEntryPolicy },
  ): Promise<TargetImport> {
    const requested = await this.db.transaction(async (manager) => {
      const found = await this.locked(auth, id, manager);
      const problems = mappingProblems(found.kind, found.columns, input.mapping);
      if (found.kind === 'area-lookups' && input.missing === 'disable')
        problems.missing = ['area lookups have no active flag: keep or delete entries missing from the file'];
      if (Object.keys(problems).length > 0) throw new InvalidInputError(problems);
      if (!CHECKABLE.has(found.status)) throw new TargetImportNotCheckableError(found.status);
      Object.assign(found, {
        status: 'checking',
        mapping: input.mapping as Record<string, string>,
        missing: input.missing,
        ...RESET,
      });
      const saved = await manager.getRepository(TargetImport).save(found);
      await this.audit.record(
        auth,
        {
          action: 'target-import.check',
          objectType: 'target-import',
          objectId: id,
          details: { mapping: input.mapping, missing: input.missing },
        },
        manager,
      );
      return saved;
    });
    await this.enqueue(requested, false);
    return requested;
  }

  /** Queues the apply of a checked import with the mapping and policy its check used. */
  async apply(auth: AuthContext, id: string, input: { skipInvalid?: boolean }): Promise<TargetImport> {
    const requested = await this.db.transaction(async (manager) => {
      const found = await this.locked(auth, id, manager);
      if (found.status !== 'checked') throw new TargetImportNotCheckedError(found.status);
      if (found.errorCount > 0 && input.skipInvalid !== true) throw new TargetImportHasErrorsError(found.errorCount);
      // The check's counts stay visible until the apply's replace them; rowsTotal is now known exactly.
      Object.assign(found, { status: 'applying', rowsDone: 0, finishedAt: null });
      const saved = await manager.getRepository(TargetImport).save(found);
      await this.audit.record(
        auth,
        {
          action: 'target-import.apply',
          objectType: 'target-import',
          objectId: id,
          details: { skipInvalid: input.skipInvalid === true, errorCount: found.errorCount },
        },
        manager,
      );
      return saved;
    });
    await this.enqueue(requested, true);
    return requested;
  }

  private async locked(scope: OrgScope, id: string, manager: EntityManager): Promise<TargetImport> {
    const found = await manager
      .getRepository(TargetImport)
      .createQueryBuilder('i')
      .setLock('pessimistic_write')
      .where('i.id = :id AND i.organisationId = :org', { id, org: scope.organisationId })
      .getOne();
    if (!found) throw new NotFoundError('Target import');
    return found;
  }

  /** After the commit, so the job finds the request; a queue that refuses leaves the import failed, never stuck. */
  private async enqueue(found: TargetImport, apply: boolean): Promise<void> {
    try {
      await this.jobs.enqueue(TargetJob.Import, { importId: found.id, apply });
    } catch (error) {
      await this.db.query(
        `UPDATE target_imports SET status = 'failed', failure = $2, updated_at = now() WHERE id = $1`,
        [found.id, 'the job queue did not answer: try again'],
      );
      throw error;
    }
  }
}

const RESET = {
  rowsDone: 0,
  rowsTotal: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  removed: 0,
  errorCount: 0,
  errors: [],
  failure: null,
  finishedAt: null,
};
