import type { DynamicModule } from '@nestjs/common';
import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobQueue } from './job-queue.service.js';
import { QueueBackend } from './queue-backend.js';
import { WorkerHost } from './worker.host.js';

/** Producers everywhere (JobQueue); the worker app adds consumers with { consume: true }. */
@Global()
@Module({})
export class QueueModule {
  static forRoot(backend: QueueBackend, options: { consume: boolean }): DynamicModule {
    return {
      module: QueueModule,
      imports: options.consume ? [DiscoveryModule] : [],
      providers: [
        { provide: QueueBackend, useValue: backend },
        { provide: JobQueue, useFactory: () => new JobQueue(backend) },
        ...(options.consume ? [WorkerHost] : []),
      ],
      exports: [JobQueue, QueueBackend],
    };
  }
}
