import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import type { AuthContext } from '#rally/access';
import { Auth, IdPipe, RequirePermission, StaffApi } from '#rally/access';
import type { Page } from '#rally/core';
import { PageQueryDto, pageOf, PageSchema, pageWindow } from '#rally/core';
import {
  ApiTokenCreatedResponse,
  ApiTokenCreateDto,
  ApiTokenResponse,
  toApiTokenResponse,
} from '../dto/api-token.dto.js';
import { OrganisationPermission } from '../organisations.permissions.js';
import { ApiTokenService } from './api-token.service.js';

@StaffApi('api-tokens')
@Controller('api/orgs/:orgSlug/api-tokens')
export class ApiTokenController {
  constructor(private readonly tokens: ApiTokenService) {}

  @RequirePermission(OrganisationPermission.TokensManage)
  @Get()
  @ApiOkResponse({ type: PageSchema(ApiTokenResponse) })
  async list(@Auth() auth: AuthContext, @Query() query: PageQueryDto): Promise<Page<ApiTokenResponse>> {
    const window = pageWindow(query);
    const { items, total } = await this.tokens.list(auth, window);
    return pageOf(items.map(toApiTokenResponse), total, window);
  }

  @RequirePermission(OrganisationPermission.TokensManage)
  @Post()
  @ApiCreatedResponse({ type: ApiTokenCreatedResponse })
  async create(@Auth() auth: AuthContext, @Body() body: ApiTokenCreateDto): Promise<ApiTokenCreatedResponse> {
    const { token, secret } = await this.tokens.create(auth, body);
    return { ...toApiTokenResponse(token), token: secret };
  }

  @RequirePermission(OrganisationPermission.TokensManage)
  @Delete(':tokenId')
  @ApiOkResponse({ type: ApiTokenResponse })
  async revoke(
    @Auth() auth: AuthContext,
    @Param('tokenId', new IdPipe('API token')) tokenId: string,
  ): Promise<ApiTokenResponse> {
    return toApiTokenResponse(await this.tokens.revoke(auth, tokenId));
  }
}
