import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse } from '@nestjs/swagger';
import type { AuthContext } from '#rally/access';
import { Auth, IdPipe, RequirePermission, StaffApi } from '#rally/access';
import type { Page } from '#rally/core';
import { pageOf, PageSchema, pageWindow } from '#rally/core';
import {
  FollowUpCreateDto,
  FollowUpListQueryDto,
  FollowUpResponseDto,
  FollowUpStatusDto,
  FollowUpUpdateDto,
} from './dto/follow-up.dto.js';
import { FollowUpService } from './follow-up.service.js';
import { FollowUpPermission } from './followups.permissions.js';

export const FOLLOW_UP_ID = new IdPipe('Follow-up');

@StaffApi('follow-ups')
@Controller('api/orgs/:orgSlug/follow-ups')
export class FollowUpController {
  constructor(private readonly followUps: FollowUpService) {}

  @Get()
  @RequirePermission(FollowUpPermission.Read)
  @ApiOkResponse({ type: PageSchema(FollowUpResponseDto), description: 'The soonest due first' })
  async list(@Auth() auth: AuthContext, @Query() query: FollowUpListQueryDto): Promise<Page<FollowUpResponseDto>> {
    const window = pageWindow(query);
    const { items, total } = await this.followUps.list(auth, { ...query, ...window });
    return pageOf(items, total, window);
  }

  @Post()
  @RequirePermission(FollowUpPermission.Manage)
  @ApiCreatedResponse({ type: FollowUpResponseDto })
  async create(@Auth() auth: AuthContext, @Body() body: FollowUpCreateDto): Promise<FollowUpResponseDto> {
    return this.followUps.create(auth, body);
  }

  @Get(':followUpId')
  @RequirePermission(FollowUpPermission.Read)
  @ApiOkResponse({ type: FollowUpResponseDto })
  async get(@Auth() auth: AuthContext, @Param('followUpId', FOLLOW_UP_ID) id: string): Promise<FollowUpResponseDto> {
    return this.followUps.get(auth, id);
  }

  @Patch(':followUpId')
  @RequirePermission(FollowUpPermission.Manage)
  @ApiOkResponse({ type: FollowUpResponseDto })
  async update(
    @Auth() auth: AuthContext,
    @Param('followUpId', FOLLOW_UP_ID) id: string,
    @Body() body: FollowUpUpdateDto,
  ): Promise<FollowUpResponseDto> {
    return this.followUps.update(auth, id, body);
  }

  @Put(':followUpId/status')
  @RequirePermission(FollowUpPermission.Close)
  @ApiOkResponse({ type: FollowUpResponseDto, description: "403 for a campaigner's call on someone else's" })
  async setStatus(
    @Auth() auth: AuthContext,
    @Param('followUpId', FOLLOW_UP_ID) id: string,
    @Body() body: FollowUpStatusDto,
  ): Promise<FollowUpResponseDto> {
    return this.followUps.setStatus(auth, id, body.status);
  }

  @Delete(':followUpId')
  @HttpCode(204)
  @RequirePermission(FollowUpPermission.Manage)
  @ApiNoContentResponse({ description: 'Deleted, with its links and reminder history' })
  async remove(@Auth() auth: AuthContext, @Param('followUpId', FOLLOW_UP_ID) id: string): Promise<void> {
    await this.followUps.remove(auth, id);
  }
}
