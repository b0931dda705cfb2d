import type { OnApplicationShutdown } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { QueueBackend } from './queue-backend.js';
import type { JobName, JobPayload, QueueName } from './queue.registry.js';
import { JOB_QUEUE } from './queue.registry.js';

/** Bounded retention on every queue, so Redis/Postgres never grow with history. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { count: 1_000, age: 24 * 3600 },
  removeOnFail: { count: 5_000, age: 7 * 24 * 3600 },
};

export interface EnqueueOptions {
  /** Deterministic id: a second add with the same id is ignored while the first is retained. */
  jobId?: string;
  delayMs?: number;
  attempts?: number;
}

/** Typed producer: a job name only accepts its own payload type. */
@Injectable()
export class JobQueue implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(readonly backend: QueueBackend) {}

  queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = this.backend.createQueue(name, { defaultJobOptions: DEFAULT_JOB_OPTIONS });
      this.queues.set(name, q);
    }
    return q;
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayload<N>, opts: EnqueueOptions = {}): Promise<void> {
    await this.queue(JOB_QUEUE[name]).add(name, payload, toJobOptions(opts));
  }

  async enqueueBulk<N extends JobName>(
    name: N,
    jobs: { payload: JobPayload<N>; opts?: EnqueueOptions }[],
  ): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue(JOB_QUEUE[name]).addBulk(
      jobs.map((j) => ({ name, data: j.payload, opts: toJobOptions(j.opts ?? {}) })),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await this.backend.close();
  }
}

function toJobOptions(opts: EnqueueOptions): JobsOptions {
  return {
    ...(opts.jobId ? { jobId: opts.jobId } : {}),
    ...(opts.delayMs ? { delay: opts.delayMs } : {}),
    ...(opts.attempts ? { attempts: opts.attempts } : {}),
  };
}
