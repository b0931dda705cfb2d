import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { JobPayloadOf } from '#rally/core';
import { Clock, InjectConfig, JobHandler, JobQueue, sqlRows } from '#rally/core';
import type { InboundConfig } from '../inbound.config.js';
import { INBOUND_CONFIG } from '../inbound.config.js';
import { InboundJob } from '../inbound.jobs.js';
import type { ProcessOutcome } from './inbound-processor.js';
import { InboundProcessor } from './inbound-processor.js';

/** Processes one stored inbound message; a second run (a retried or duplicated job) finds it done and skips. */
@Injectable()
export class InboundProcessJob {
  constructor(private readonly processor: InboundProcessor) {}

  @JobHandler(InboundJob.Process)
  handle({ messageId }: JobPayloadOf<typeof InboundJob.Process>): Promise<ProcessOutcome> {
    return this.processor.process(messageId);
  }
}

/**
 * Messages still `received` a whole period after they arrived were stored (the sender had its 250) but their job was
 * lost: queued again under their own id (a job already waiting swallows the add), a thousand a pass.
 */
@Injectable()
export class InboundReconcileJob {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobQueue,
    @InjectConfig(INBOUND_CONFIG) private readonly config: InboundConfig,
    private readonly clock: Clock,
  ) {}

  @JobHandler(InboundJob.Reconcile, { everyMs: (config) => config.section(INBOUND_CONFIG).reconcileSeconds * 1000 })
  async handle(): Promise<{ requeued: number }> {
    const stale = await sqlRows<{ id: string }>(
      this.db,
      `SELECT id FROM inbound_messages WHERE status = 'received' AND received_at < $1 ORDER BY received_at LIMIT 1000`,
      [new Date(this.clock.now().getTime() - this.config.reconcileSeconds * 1000)],
    );
    const queue = this.jobs.queue(InboundJob.Process.queue);
    let requeued = 0;
    for (const { id } of stale) {
      const job = await queue.getJob(id);
      const state = job ? await job.getState() : 'missing';
      if (state === 'completed' || state === 'failed') await job?.remove();
      if (state === 'completed' || state === 'failed' || state === 'missing') {
        await this.jobs.enqueue(InboundJob.Process, { messageId: id }, { jobId: id });
        requeued += 1;
      }
    }
    return { requeued };
  }
}
