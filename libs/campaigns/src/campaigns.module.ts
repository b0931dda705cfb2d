import { Module } from '@nestjs/common';
import { AuditLog } from '#rally/organisations';
import { CampaignController } from './campaign.controller.js';
import { CampaignService } from './campaign.service.js';

@Module({ controllers: [CampaignController], providers: [CampaignService, AuditLog], exports: [CampaignService] })
export class CampaignsModule {}
