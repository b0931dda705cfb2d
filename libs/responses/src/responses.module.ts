import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { InboundHooksModule } from '#rally/inbound';
import { RecommendationsModule } from '#rally/recommendations';
import { ReplyDrafts } from './drafts/reply-drafts.js';
import { ResponseController } from './response.controller.js';
import { ResponseRepository } from './response.repository.js';
import { ResponseService } from './response.service.js';
import { ResponseChangeHooks } from './response-change-hooks.js';

/**
 * The response log. Both processes draft responses from captured replies (the worker as it processes mail, the api
 * when staff tie triaged mail to a letter); the api serves the staff routes.
 */
@Module({})
export class ResponsesModule {
  private static forApiModule?: DynamicModule;

  static forApi(): DynamicModule {
    return (this.forApiModule ??= {
      module: ResponsesModule,
      imports: [InboundHooksModule, RecommendationsModule.forApi()],
      controllers: [ResponseController],
      providers: [ResponseChangeHooks, ReplyDrafts, ResponseRepository, ResponseService],
      exports: [ResponseChangeHooks, ResponseService],
    });
  }

  private static forWorkerModule?: DynamicModule;

  static forWorker(): DynamicModule {
    return (this.forWorkerModule ??= {
      module: ResponsesModule,
      imports: [InboundHooksModule],
      providers: [ResponseChangeHooks, ReplyDrafts],
      exports: [ResponseChangeHooks],
    });
  }
}
