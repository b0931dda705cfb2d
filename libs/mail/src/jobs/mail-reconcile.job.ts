import { Injectable, Logger } from '@nestjs/common';
import { InjectConfig, JobHandler, JobQueue } from '#rally/core';
import type { MailConfig } from '../mail.config.js';
import { MAIL_CONFIG } from '../mail.config.js';
import { MailJob } from '../mail.jobs.js';
import { MailOutboxRepository } from '../mail-outbox.repository.js';

const BATCH = 1_000;

/**
 * Postgres is the record of what must be sent; the queue can be lost (FLUSHALL, crash). Periodically re-enqueue
 * rows still owed. A finished job left under the same id would swallow the re-add, so it is removed first.
 * Sending twice is prevented by the atomic claim in the send job, not by job ids.
 */
@Injectable()
export class MailReconcileJob {
  private readonly logger = new Logger('MailReconcile');

  constructor(
    private readonly outbox: MailOutboxRepository,
    private readonly jobs: JobQueue,
    @InjectConfig(MAIL_CONFIG) private readonly config: MailConfig,
  ) {}

  @JobHandler(MailJob.Reconcile, { everyMs: (config) => config.section(MAIL_CONFIG).reconcileSeconds * 1000 })
  async handle(): Promise<{ requeued: number }> {
    // A row pending for one reconcile period is not just a job about to run: it was lost or never enqueued.
    const stale = await this.outbox.findStale(this.config.reconcileSeconds, BATCH);
    if (stale.length === 0) return { requeued: 0 };
    const queue = this.jobs.queue(MailJob.Send.queue);
    const requeue: { outboxId: string; jobId: string }[] = [];
    for (const row of stale) {
      if (row.status === 'sending') {
        // Its sender died mid-send (lease expired) and its job may still look active: a fresh id per attempt gets it moving now.
        requeue.push({ outboxId: row.id, jobId: `${row.id}-lease-${row.attempts}` });
        continue;
      }
      // Dispatched rows travel in a batch job named on the row; requeued ones alone under their own id.
      const job = (row.job_id ? await queue.getJob(row.job_id) : undefined) ?? (await queue.getJob(row.id));
      const state = job ? await job.getState() : 'missing';
      if (state === 'active') {
        // A live sender claims its row first thing, so a row still pending a whole period after its job went active
        // belongs to a worker that died holding the job. The queue would only notice when the lock expires and the
        // stalled check runs (up to a minute); a fresh id gets it sent now, and the claim stops a second send.
        requeue.push({ outboxId: row.id, jobId: `${row.id}-stalled-${row.attempts}` });
        continue;
      }
      if (state === 'completed' || state === 'failed' || state === 'missing') {
        const single = job?.id === row.id ? job : await queue.getJob(row.id);
        const singleState = single ? await single.getState() : 'missing';
        if (singleState === 'completed' || singleState === 'failed') await single?.remove();
        requeue.push({ outboxId: row.id, jobId: row.id });
      }
    }
    await this.jobs.enqueueBulk(
      MailJob.Send,
      requeue.map(({ outboxId, jobId }) => ({ payload: { outboxId }, opts: { jobId } })),
    );
    if (requeue.length) this.logger.log({ msg: 'mail requeued', count: requeue.length });
    return { requeued: requeue.length };
  }
}
