import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { CampaignController } from './campaign.controller.js';
import { CampaignService } from './campaign.service.js';

/** Campaigns are api-only: nothing runs in the worker. */
@Module({})
export class CampaignsModule {
  private static forApiModule?: DynamicModule;

  /** One instance, so two libraries importing it register its controllers once (Nest tells modules apart by reference). */
  static forApi(): DynamicModule {
    return (this.forApiModule ??= {
      module: CampaignsModule,
      controllers: [CampaignController],
      providers: [CampaignService],
      exports: [CampaignService],
    });
  }
}
