import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OrgScope, RallyConfig } from '#rally/core';
import { JobQueue, InjectConfig } from '#rally/core';
import { MAIL_SEND_BATCH, MailJob } from './mail.jobs.js';
import { MailOutboxRepository } from './mail-outbox.repository.js';
import { MailRenderer } from './templates/mail-renderer.js';
import type { MailTemplate } from './templates/mail-template.js';

export interface MailRequest<TData extends object> {
  to: string;
  template: MailTemplate<TData>;
  data: TData;
  /** Unique per message across the installation; the same key queued twice sends once. */
  idempotencyKey: string;
  language?: string;
  replyTo?: string;
  from?: string;
  headers?: Record<string, string>;
  /** The envelope sender, when bounces should go elsewhere than From (VERP). */
  returnPath?: string;
}

/** A row stageSelected() inserted, and the send job (batch) that will carry it. */
export interface StagedMail {
  id: string;
  idempotencyKey: string;
  jobId: string;
}

/**
 * Queues mail: writes the outbox row (the durable record), then enqueues its id.
 * Inside a caller's transaction, rows are only staged; call dispatch() after commit so the job never sees an uncommitted row.
 */
@Injectable()
export class MailService {
  private readonly logger = new Logger('MailService');

  constructor(
    private readonly outbox: MailOutboxRepository,
    private readonly jobs: JobQueue,
    private readonly renderer: MailRenderer,
    @InjectConfig() private readonly config: RallyConfig,
  ) {}

  async send<TData extends object>(scope: OrgScope | null, request: MailRequest<TData>): Promise<string[]> {
    const ids = await this.stage(scope, [request]);
    await this.dispatch(ids);
    return ids;
  }

  async sendMany<TData extends object>(scope: OrgScope | null, requests: MailRequest<TData>[]): Promise<string[]> {
    const ids = await this.stage(scope, requests);
    await this.dispatch(ids);
    return ids;
  }

  async stage<TData extends object>(
    scope: OrgScope | null,
    requests: MailRequest<TData>[],
    manager?: EntityManager,
  ): Promise<string[]> {
    for (const r of requests) {
      // Fail in the caller, not later in the worker, when a feature forgot MailModule.forFeature(template).
      if (!this.renderer.has(r.template.name)) throw new Error(`Mail template ${r.template.name} is not registered`);
    }
    return this.outbox.insert(
      requests.map((r) => ({
        organisationId: scope?.organisationId ?? null,
        idempotencyKey: r.idempotencyKey,
        recipient: r.to,
        replyTo: r.replyTo ?? null,
        sender: r.from ?? null,
        template: r.template.name,
        language: r.language ?? 'en',
        data: { ...(r.data as Record<string, unknown>), publicUrl: this.config.http.publicUrl },
        headers: r.headers ?? null,
        returnPath: r.returnPath ?? null,
      })),
      manager,
    );
  }

  /**
   * Stages one mail per row of a caller's SELECT, inside the caller's transaction like stage(), for mail whose content
   * is already in the database (letters rendered at submission). The SELECT yields organization_id, idempotency_key,
   * recipient, reply_to, sender, language, data (jsonb), headers (jsonb) and return_path. Returns the rows inserted,
   * each with the send job it goes in: pass them to dispatchStaged() after commit.
   */
  async stageSelected<TData extends object>(
    template: MailTemplate<TData>,
    select: { sql: string; params: unknown[] },
    manager?: EntityManager,
  ): Promise<StagedMail[]> {
    if (!this.renderer.has(template.name)) throw new Error(`Mail template ${template.name} is not registered`);
    const rows = await this.outbox.insertSelected(
      select,
      template.name,
      this.config.http.publicUrl,
      MAIL_SEND_BATCH,
      manager,
    );
    return rows.map((r) => ({ id: r.id, idempotencyKey: r.idempotency_key, jobId: r.job_id }));
  }

  /** Enqueues what stageSelected() staged, in the batches it recorded. A queue outage is logged, as in dispatch(). */
  async dispatchStaged(staged: StagedMail[]): Promise<void> {
    const batches = new Map<string, string[]>();
    for (const s of staged) {
      const batch = batches.get(s.jobId);
      if (batch) batch.push(s.id);
      else batches.set(s.jobId, [s.id]);
    }
    await this.enqueueBatches(batches, false);
  }

  /** Enqueue staged rows. A queue outage is logged, not thrown: the rows are safe and the reconciler will enqueue them. */
  async dispatch(outboxIds: string[]): Promise<void> {
    const batches = new Map<string, string[]>();
    // BullMQ refuses ':' in custom job ids.
    for (let i = 0; i < outboxIds.length; i += MAIL_SEND_BATCH)
      batches.set(`batch-${outboxIds[i]}`, outboxIds.slice(i, i + MAIL_SEND_BATCH));
    await this.enqueueBatches(batches, true);
  }

  /** One send job per batch; `record`: the rows do not name their job yet (stageSelected's rows do). */
  private async enqueueBatches(batches: Map<string, string[]>, record: boolean): Promise<void> {
    if (batches.size === 0) return;
    try {
      await this.jobs.enqueueBulk(
        MailJob.SendBatch,
        [...batches].map(([jobId, outboxIds]) => ({ payload: { outboxIds }, opts: { jobId } })),
      );
      if (record)
        await this.outbox.recordJobs([...batches].flatMap(([jobId, ids]) => ids.map((id) => ({ id, jobId }))));
    } catch (error) {
      this.logger.warn({
        msg: 'mail enqueue failed; reconciler will retry',
        count: [...batches.values()].reduce((n, ids) => n + ids.length, 0),
        error: (error as Error).message,
      });
    }
  }
}
