import type { DynamicModule } from '@nestjs/common';
import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobQueue } from './job-queue.service.js';
import { QueueBackend } from './queue-backend.js';
import type { AnyJobRef } from './job.js';
import { REGISTERED_JOBS, WorkerHost } from './worker.host.js';

/** Producers everywhere (JobQueue); the worker app adds consumers with { consume: true }. */
@Global()
@Module({})
export class QueueModule {
  /** `jobs`: every job of the composed libraries; a consuming worker refuses to boot while one lacks a handler. */
  static forRoot(backend: QueueBackend, options: { consume: boolean; jobs: readonly AnyJobRef[] }): DynamicModule {
    return {
      module: QueueModule,
      imports: options.consume ? [DiscoveryModule] : [],
      providers: [
        { provide: QueueBackend, useValue: backend },
        { provide: JobQueue, useFactory: () => new JobQueue(backend) },
        { provide: REGISTERED_JOBS, useValue: options.jobs },
        ...(options.consume ? [WorkerHost] : []),
      ],
      exports: [JobQueue, QueueBackend],
    };
  }
}
