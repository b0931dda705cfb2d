import type { DynamicModule} from '@nestjs/common';
import { Module } from '@nestjs/common';
import type { RallyConfig } from '#rally/core';
import { ConfigModule, DatabaseModule, HealthModule, QueueModule } from '#rally/core';
import { MailModule } from '#rally/mail';
import type { RallyRuntime } from '#rally/schema';

/** The HTTP process: staff API, public pages, and (capture mode only) the local mailbox. */
@Module({})
export class ApiModule {
  static forRoot(config: RallyConfig, runtime: RallyRuntime): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(runtime.dataSource),
        QueueModule.forRoot(runtime.queue, { consume: false }),
        MailModule.forRoot({ role: 'api', captureMailbox: config.mail.capture }),
        HealthModule,
      ],
    };
  }
}
