import type { OnApplicationShutdown } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { QueueBackend } from './queue-backend.js';
import type { JobRef } from './job.js';

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
  private readonly queues = new Map<string, Queue>();

  constructor(readonly backend: QueueBackend) {}

  queue(name: string): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = this.backend.createQueue(name, { defaultJobOptions: DEFAULT_JOB_OPTIONS });
      this.queues.set(name, q);
    }
    return q;
  }

  async enqueue<P extends object>(job: JobRef<P>, payload: P, opts: EnqueueOptions = {}): Promise<void> {
    await this.queue(job.queue).add(job.name, payload, toJobOptions(job, opts));
  }

  async enqueueBulk<P extends object>(job: JobRef<P>, jobs: { payload: P; opts?: EnqueueOptions }[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue(job.queue).addBulk(
      jobs.map((j) => ({ name: job.name, data: j.payload, opts: toJobOptions(job, j.opts ?? {}) })),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await this.backend.close();
  }
}

function toJobOptions(job: JobRef<object>, opts: EnqueueOptions): JobsOptions {
  const attempts = opts.attempts ?? job.attempts;
  return {
    ...(attempts ? { attempts } : {}),
    ...(opts.jobId ? { jobId: opts.jobId } : {}),
    ...(opts.delayMs ? { delay: opts.delayMs } : {}),
  };
}
