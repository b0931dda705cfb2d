import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { CampaignController } from './campaign.controller.js';
import { CampaignService } from './campaign.service.js';

/** Campaigns are api-only: nothing runs in the worker. */
@Module({})
export class CampaignsModule {
  static forApi(): DynamicModule {
    return {
      module: CampaignsModule,
      controllers: [CampaignController],
      providers: [CampaignService],
      exports: [CampaignService],
    };
  }
}
