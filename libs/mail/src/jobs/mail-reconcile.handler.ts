import { Injectable, Logger } from '@nestjs/common';
import { JobQueue } from '#rally/core';
import { JobHandler, JobName, QueueName } from '#rally/core';
import { MailOutboxRepository } from '../mail-outbox.repository.js';

const BATCH = 1_000;
const PENDING_GRACE_SECONDS = 10;

/**
 * Postgres is the record of what must be sent; the queue can be lost (FLUSHALL, crash). Periodically re-enqueue
 * rows still owed. A finished job left under the same id would swallow the re-add, so it is removed first.
 */
@Injectable()
export class MailReconcileHandler {
  private readonly logger = new Logger('MailReconcile');

  constructor(
    private readonly outbox: MailOutboxRepository,
    private readonly jobs: JobQueue,
  ) {}

  @JobHandler(JobName.MailReconcile, { everyMs: (config) => config.mail.reconcileSeconds * 1000 })
  async handle(): Promise<{ requeued: number }> {
    const ids = await this.outbox.findStale(PENDING_GRACE_SECONDS, BATCH);
    if (ids.length === 0) return { requeued: 0 };
    const queue = this.jobs.queue(QueueName.Mail);
    const requeue: string[] = [];
    for (const id of ids) {
      const job = await queue.getJob(id);
      if (!job) {
        requeue.push(id);
        continue;
      }
      const state = await job.getState();
      if (state === 'completed' || state === 'failed') {
        await job.remove();
        requeue.push(id);
      }
    }
    await this.jobs.enqueueBulk(JobName.MailSend, requeue.map((outboxId) => ({ payload: { outboxId }, opts: { jobId: outboxId } })));
    if (requeue.length) this.logger.log({ msg: 'mail requeued', count: requeue.length });
    return { requeued: requeue.length };
  }
}
