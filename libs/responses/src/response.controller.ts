import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse } from '@nestjs/swagger';
import type { AuthContext } from '#rally/access';
import { Auth, IdPipe, RequirePermission, StaffApi } from '#rally/access';
import type { Page } from '#rally/core';
import { pageOf, PageSchema, pageWindow } from '#rally/core';
import { ResponseCreateDto, ResponseListQueryDto, ResponseResponse, ResponseUpdateDto } from './dto/response.dto.js';
import { ResponseService } from './response.service.js';
import { ResponsePermission } from './responses.permissions.js';

export const RESPONSE_ID = new IdPipe('Response');

@StaffApi('responses')
@Controller('api/orgs/:orgSlug/responses')
export class ResponseController {
  constructor(private readonly responses: ResponseService) {}

  @Get()
  @RequirePermission(ResponsePermission.Read)
  @ApiOkResponse({ type: PageSchema(ResponseResponse), description: 'Drafts to classify first, then the latest' })
  async list(@Auth() auth: AuthContext, @Query() query: ResponseListQueryDto): Promise<Page<ResponseResponse>> {
    const window = pageWindow(query);
    const { targetId, campaignId, stance, channel, status, from, to } = query;
    const { items, total } = await this.responses.list(auth, {
      ...{ targetId, campaignId, stance, channel, status, from, to },
      ...window,
    });
    return pageOf(items, total, window);
  }

  @Post()
  @RequirePermission(ResponsePermission.Manage)
  @ApiCreatedResponse({ type: ResponseResponse })
  async create(@Auth() auth: AuthContext, @Body() body: ResponseCreateDto): Promise<ResponseResponse> {
    return this.responses.create(auth, body);
  }

  @Get(':responseId')
  @RequirePermission(ResponsePermission.Read)
  @ApiOkResponse({ type: ResponseResponse })
  async get(@Auth() auth: AuthContext, @Param('responseId', RESPONSE_ID) id: string): Promise<ResponseResponse> {
    return this.responses.get(auth, id);
  }

  @Patch(':responseId')
  @RequirePermission(ResponsePermission.Manage)
  @ApiOkResponse({ type: ResponseResponse })
  async update(
    @Auth() auth: AuthContext,
    @Param('responseId', RESPONSE_ID) id: string,
    @Body() body: ResponseUpdateDto,
  ): Promise<ResponseResponse> {
    return this.responses.update(auth, id, body);
  }

  @Delete(':responseId')
  @HttpCode(204)
  @RequirePermission(ResponsePermission.Manage)
  @ApiNoContentResponse({ description: 'Deleted' })
  async remove(@Auth() auth: AuthContext, @Param('responseId', RESPONSE_ID) id: string): Promise<void> {
    await this.responses.remove(auth, id);
  }
}
