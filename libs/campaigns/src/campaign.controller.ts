import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import type { AuthContext } from '#rally/access';
import { Auth, IdPipe, RequirePermission, StaffApi } from '#rally/access';
import { CampaignPermission } from './campaigns.permissions.js';
import { CampaignService } from './campaign.service.js';
import { CampaignCreateDto, CampaignUpdateDto, toCampaignResponse } from './dto/campaign.dto.js';
import type { CampaignResponse } from './dto/campaign.dto.js';

@StaffApi('campaigns')
@Controller('api/orgs/:orgSlug/campaigns')
export class CampaignController {
  constructor(private readonly campaigns: CampaignService) {}

  @Post()
  @RequirePermission(CampaignPermission.Manage)
  async create(@Auth() auth: AuthContext, @Body() body: CampaignCreateDto): Promise<CampaignResponse> {
    return toCampaignResponse(await this.campaigns.create(auth, body));
  }

  @Get()
  @RequirePermission(CampaignPermission.Read)
  async list(@Auth() auth: AuthContext): Promise<CampaignResponse[]> {
    return (await this.campaigns.list(auth)).map(toCampaignResponse);
  }

  @Get(':campaignId')
  @RequirePermission(CampaignPermission.Read)
  async get(
    @Auth() auth: AuthContext,
    @Param('campaignId', new IdPipe('Campaign')) id: string,
  ): Promise<CampaignResponse> {
    return toCampaignResponse(await this.campaigns.get(auth, id));
  }

  @Patch(':campaignId')
  @RequirePermission(CampaignPermission.Manage)
  async update(
    @Auth() auth: AuthContext,
    @Param('campaignId', new IdPipe('Campaign')) id: string,
    @Body() body: CampaignUpdateDto,
  ): Promise<CampaignResponse> {
    return toCampaignResponse(await this.campaigns.update(auth, id, body));
  }
}
