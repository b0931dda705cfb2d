import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import type { Clock, RallyConfig } from '#rally/core';
import { ConfigModule, DatabaseModule, QueueModule } from '#rally/core';
import { InboundModule } from '#rally/inbound';
import { MailingsModule } from '#rally/mailings';
import type { RallyRuntime } from '#rally/schema';
import { RALLY_JOBS } from '#rally/schema';

/**
 * The inbound mail process: Rally's own SMTP server, the MX of the reply domain. It stores what it accepts and
 * queues its processing (the worker's); no HTTP. Its own process so a flood of mail never slows the api. Features
 * owning addresses at the reply domain (mailings: return path, mailto unsubscribe) register them here too.
 */
@Module({})
export class InboundAppModule {
  static forRoot(config: RallyConfig, runtime: RallyRuntime, options: { clock?: Clock } = {}): DynamicModule {
    return {
      module: InboundAppModule,
      imports: [
        ConfigModule.forRoot(config, options.clock),
        DatabaseModule.forRoot(runtime.dataSource),
        QueueModule.forRoot(runtime.queue, { consume: false, jobs: RALLY_JOBS }),
        InboundModule.forSmtp(),
        MailingsModule.forInbound(),
      ],
    };
  }
}
