import { EventEmitter } from 'node:events';
import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { Job, Worker } from 'bullmq';
import { InjectConfig } from '../config/config.module.js';
import type { RallyConfig } from '../config/rally-config.js';
import type { JobHandlerMetadata } from './job-handler.decorator.js';
import { JOB_HANDLER } from './job-handler.decorator.js';
import { logContext } from '../logging/request-context.js';
import { JobQueue } from './job-queue.service.js';
import type { AnyJobRef } from './job.js';

/** Token of the jobs the composed libraries declare (QueueModule.forRoot's `jobs`). */
export const REGISTERED_JOBS = Symbol('REGISTERED_JOBS');

type Handler = { meta: JobHandlerMetadata; run: (payload: unknown, job: Job) => Promise<unknown> };

export class MissingJobHandlersError extends Error {
  constructor(readonly missing: string[]) {
    super(`The worker cannot start: no handler for job(s) ${missing.join(', ')}`);
  }
}

export class UnregisteredJobError extends Error {
  constructor(readonly job: string) {
    super(`The worker cannot start: a handler for job ${job}, which no library lists (add it to its manifest's jobs)`);
  }
}

/** Finds every @JobHandler, refuses to boot when a job has none, runs one BullMQ worker per queue. */
@Injectable()
export class WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('WorkerHost');
  private readonly handlers = new Map<string, Handler>();
  private readonly workers: Worker[] = [];
  private refreshTimer?: NodeJS.Timeout;
  private readonly completions = new EventEmitter().setMaxListeners(0);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly jobs: JobQueue,
    @InjectConfig() private readonly config: RallyConfig,
    @Inject(REGISTERED_JOBS) private readonly registered: readonly AnyJobRef[],
  ) {}

  collectHandlers(): Map<string, Handler> {
    const known = new Map(this.registered.map((j) => [j.name, j]));
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const proto = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const fn = instance[method] as (...args: unknown[]) => Promise<unknown>;
        const meta = this.reflector.get<JobHandlerMetadata | undefined>(JOB_HANDLER, fn);
        if (!meta) continue;
        const name = meta.job.name;
        if (known.get(name) !== meta.job) throw new UnregisteredJobError(name);
        if (this.handlers.has(name)) throw new Error(`Two handlers for job ${name}`);
        this.handlers.set(name, { meta, run: (payload, job) => fn.call(instance, payload, job) });
      }
    }
    const missing = [...known.keys()].filter((name) => !this.handlers.has(name));
    if (missing.length > 0) throw new MissingJobHandlersError(missing);
    return this.handlers;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.collectHandlers();
    for (const queueName of this.queueNames()) {
      const worker = this.jobs.backend.createWorker(queueName, (job) => this.dispatch(job), {
        concurrency: this.config.queue.concurrency,
        autorun: true,
      });
      worker.on('failed', (job, error) =>
        this.logger.warn({
          msg: 'job failed',
          job: job?.name,
          jobId: job?.id,
          attempt: job?.attemptsMade,
          error: error.message,
        }),
      );
      worker.on('error', (error) => this.logger.error({ msg: 'worker error', queue: queueName, error: error.message }));
      worker.on('completed', (job) => this.completions.emit('completed', job.name));
      this.workers.push(worker);
    }
    await this.upsertSchedules();
    // Schedules live in the queue store; re-register them so an emptied Redis (FLUSHALL, failover) gets them back.
    this.refreshTimer = setInterval(() => {
      this.upsertSchedules().catch((error: Error) =>
        this.logger.warn({ msg: 'schedule refresh failed', error: error.message }),
      );
    }, this.config.queue.scheduleRefreshSeconds * 1000);
    this.refreshTimer.unref();
    this.logger.log({ msg: 'worker ready', queues: this.queueNames(), backend: this.jobs.backend.kind });
  }

  /**
   * Calls `listener` with the name of each job this process finishes. What waits on "the job ran" (tests, metrics)
   * listens here instead of sleeping. Returns the unsubscribe function.
   */
  onCompleted(listener: (jobName: string) => void): () => void {
    this.completions.on('completed', listener);
    return () => this.completions.off('completed', listener);
  }

  private queueNames(): string[] {
    return [...new Set(this.registered.map((j) => j.queue))].sort();
  }

  private async upsertSchedules(): Promise<void> {
    for (const { meta } of this.handlers.values()) {
      if (meta.everyMs === undefined) continue;
      const every = typeof meta.everyMs === 'function' ? meta.everyMs(this.config) : meta.everyMs;
      // A scheduler id per job name: however many workers upsert it, it fires once per interval.
      const { name, queue } = meta.job;
      await this.jobs.queue(queue).upsertJobScheduler(name, { every }, { name, data: {}, opts: { attempts: 1 } }); // the next tick is the retry
    }
  }

  private async dispatch(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new Error(`No handler for job ${job.name}`);
    // Every line the handler logs names the job it was doing.
    return logContext.run({ job: job.name, jobId: job.id }, () => handler.run(job.data, job));
  }

  /** Before any connection closes: stop fetching and let jobs in flight finish with their database and SMTP intact. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.refreshTimer);
    // close() waits for jobs in flight to finish, then stops fetching.
    await Promise.all(this.workers.map((w) => w.close()));
  }
}
