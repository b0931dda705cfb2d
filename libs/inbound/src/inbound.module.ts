import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';

/** Inbound mail. The api: staff routes and the provider webhook. The worker: processing and IMAP polling. */
@Module({})
export class InboundModule {
  static forApi(): DynamicModule {
    return { module: InboundModule, controllers: [], providers: [], exports: [] };
  }

  static forWorker(): DynamicModule {
    return { module: InboundModule, providers: [], exports: [] };
  }
}
