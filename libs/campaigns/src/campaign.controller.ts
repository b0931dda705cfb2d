import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import type { AuthContext } from '#rally/access';
import { Auth, IdPipe, RequirePermission, StaffApi } from '#rally/access';
import type { Page } from '#rally/core';
import { pageOf, PageSchema, pageWindow } from '#rally/core';
import { CampaignService } from './campaign.service.js';
import { CampaignPermission } from './campaigns.permissions.js';
import {
  CampaignCreateDto,
  CampaignListQueryDto,
  CampaignResponse,
  CampaignUpdateDto,
  toCampaignResponse,
} from './dto/campaign.dto.js';

const CAMPAIGN = new IdPipe('Campaign');

@StaffApi('campaigns')
@Controller('api/orgs/:orgSlug/campaigns')
export class CampaignController {
  constructor(private readonly campaigns: CampaignService) {}

  @Post()
  @RequirePermission(CampaignPermission.Manage)
  @ApiCreatedResponse({ type: CampaignResponse })
  async create(@Auth() auth: AuthContext, @Body() body: CampaignCreateDto): Promise<CampaignResponse> {
    return toCampaignResponse(await this.campaigns.create(auth, body));
  }

  @Get()
  @RequirePermission(CampaignPermission.Read)
  @ApiOkResponse({ type: PageSchema(CampaignResponse) })
  async list(@Auth() auth: AuthContext, @Query() query: CampaignListQueryDto): Promise<Page<CampaignResponse>> {
    const window = pageWindow(query);
    const { items, total } = await this.campaigns.list(auth, { q: query.q, sort: query.sort, ...window });
    return pageOf(items.map(toCampaignResponse), total, window);
  }

  @Get(':campaignId')
  @RequirePermission(CampaignPermission.Read)
  @ApiOkResponse({ type: CampaignResponse })
  async get(@Auth() auth: AuthContext, @Param('campaignId', CAMPAIGN) id: string): Promise<CampaignResponse> {
    return toCampaignResponse(await this.campaigns.get(auth, id));
  }

  @Patch(':campaignId')
  @RequirePermission(CampaignPermission.Manage)
  @ApiOkResponse({ type: CampaignResponse })
  async update(
    @Auth() auth: AuthContext,
    @Param('campaignId', CAMPAIGN) id: string,
    @Body() body: CampaignUpdateDto,
  ): Promise<CampaignResponse> {
    return toCampaignResponse(await this.campaigns.update(auth, id, body));
  }
}
