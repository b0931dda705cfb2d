import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { RecommendationsModule } from '#rally/recommendations';
import { ImplementationChangeService } from './implementation-change.service.js';
import { ImplementationController } from './implementation.controller.js';
import { ImplementationStatusService } from './implementation-status.service.js';

/** Implementation status per country: staff routes in the api; no jobs, so the worker needs none of it. */
@Module({})
export class ImplementationModule {
  private static forApiModule?: DynamicModule;

  /** One instance, so a library importing it later (the public scorecard) does not register its controller twice. */
  static forApi(): DynamicModule {
    return (this.forApiModule ??= {
      module: ImplementationModule,
      imports: [RecommendationsModule.forApi()],
      controllers: [ImplementationController],
      providers: [ImplementationStatusService, ImplementationChangeService],
      exports: [ImplementationStatusService],
    });
  }
}
