import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { RecommendationsModule } from '#rally/recommendations';
import { ImplementationChangeService } from './implementation-change.service.js';
import { ImplementationController } from './implementation.controller.js';
import { ImplementationStatusService } from './implementation-status.service.js';
import { PublicScorecards } from './scorecard/public-scorecards.js';
import { ScorecardPageController } from './scorecard/scorecard-page.controller.js';
import { ScorecardController } from './scorecard/scorecard.controller.js';
import { ScorecardService } from './scorecard/scorecard.service.js';

/** Implementation status per country: staff routes and the public scorecard in the api; no jobs, so no worker part. */
@Module({})
export class ImplementationModule {
  private static forApiModule?: DynamicModule;

  /** One instance, so a library importing it later (the dashboard) does not register its controllers twice. */
  static forApi(): DynamicModule {
    return (this.forApiModule ??= {
      module: ImplementationModule,
      imports: [RecommendationsModule.forApi()],
      controllers: [ImplementationController, ScorecardController, ScorecardPageController],
      providers: [ImplementationStatusService, ImplementationChangeService, PublicScorecards, ScorecardService],
      exports: [ImplementationStatusService],
    });
  }
}
