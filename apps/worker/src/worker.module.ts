import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import type { RallyConfig } from '#rally/core';
import { ConfigModule, DatabaseModule, QueueModule } from '#rally/core';
import { MailModule } from '#rally/mail';
import { PetitionsWorkerModule } from '#rally/petitions';
import { OrganisationsModule } from '#rally/organisations';
import type { RallyRuntime } from '#rally/schema';

/** The job process: every queue's consumers; no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: RallyConfig, runtime: RallyRuntime): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(runtime.dataSource),
        QueueModule.forRoot(runtime.queue, { consume: true }),
        MailModule.forRoot({ role: 'worker', captureMailbox: false }),
        PetitionsWorkerModule,
        OrganisationsModule.forWorker(),
      ],
    };
  }
}
