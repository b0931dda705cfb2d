import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import type { AuthContext } from '#rally/access';
import { Auth, RequirePermission, IdPipe, StaffApi } from '#rally/access';
import { OrganisationPermission } from '../organisations.permissions.js';
import {
  ApiTokenCreatedResponse,
  ApiTokenCreateDto,
  ApiTokenResponse,
  toApiTokenResponse,
} from '../dto/api-token.dto.js';
import { ApiTokenService } from './api-token.service.js';

@StaffApi('api-tokens')
@Controller('api/orgs/:orgSlug/api-tokens')
export class ApiTokenController {
  constructor(private readonly tokens: ApiTokenService) {}

  @RequirePermission(OrganisationPermission.TokensManage)
  @Get()
  async list(@Auth() auth: AuthContext): Promise<ApiTokenResponse[]> {
    return (await this.tokens.list(auth)).map(toApiTokenResponse);
  }

  @RequirePermission(OrganisationPermission.TokensManage)
  @Post()
  async create(@Auth() auth: AuthContext, @Body() body: ApiTokenCreateDto): Promise<ApiTokenCreatedResponse> {
    const { token, secret } = await this.tokens.create(auth, body);
    return { ...toApiTokenResponse(token), token: secret };
  }

  @RequirePermission(OrganisationPermission.TokensManage)
  @Delete(':tokenId')
  async revoke(
    @Auth() auth: AuthContext,
    @Param('tokenId', new IdPipe('API token')) tokenId: string,
  ): Promise<ApiTokenResponse> {
    return toApiTokenResponse(await this.tokens.revoke(auth, tokenId));
  }
}
