import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse } from '@nestjs/swagger';
import type { AuthContext } from '#rally/access';
import { Auth, IdPipe, RequirePermission, StaffApi } from '#rally/access';
import type { Page } from '#rally/core';
import { ErrorResponse, PageQueryDto, pageOf, PageSchema, pageWindow } from '#rally/core';
import { TARGET_ID } from '../directory/target.controller.js';
import {
  ResponsibilityCreateDto,
  ResponsibilityListQueryDto,
  ResponsibilityResponse,
  ResponsibilityUpdateDto,
  toResponsibilityResponse,
} from '../dto/responsibility.dto.js';
import { TargetPermission } from '../targets.permissions.js';
import { ResponsibilityService } from './responsibility.service.js';

const RESPONSIBILITY_ID = new IdPipe('Responsibility');

@StaffApi('responsibilities')
@Controller('api/orgs/:orgSlug')
export class ResponsibilityController {
  constructor(private readonly responsibilities: ResponsibilityService) {}

  /** One target's history, newest first. */
  @Get('targets/:targetId/responsibilities')
  @RequirePermission(TargetPermission.Read)
  @ApiOkResponse({ type: PageSchema(ResponsibilityResponse) })
  async forTarget(
    @Auth() auth: AuthContext,
    @Param('targetId', TARGET_ID) targetId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<ResponsibilityResponse>> {
    const window = pageWindow(query);
    const { items, total } = await this.responsibilities.forTarget(auth, targetId, window);
    return pageOf(items.map(toResponsibilityResponse), total, window);
  }

  /** The timeline: every row (or those valid `on` a day) for a country and focus area, newest validFrom first. */
  @Get('responsibilities')
  @RequirePermission(TargetPermission.Read)
  @ApiOkResponse({ type: PageSchema(ResponsibilityResponse) })
  async list(
    @Auth() auth: AuthContext,
    @Query() query: ResponsibilityListQueryDto,
  ): Promise<Page<ResponsibilityResponse>> {
    const window = pageWindow(query);
    const { country, focusArea, recommendationCode, on } = query;
    const { items, total } = await this.responsibilities.list(auth, {
      ...{ country, focusArea, recommendationCode, on },
      ...window,
    });
    return pageOf(items.map(toResponsibilityResponse), total, window);
  }

  @Post('responsibilities')
  @RequirePermission(TargetPermission.Manage)
  @ApiCreatedResponse({ type: ResponsibilityResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'replace: a row it would end starts the same day' })
  async create(@Auth() auth: AuthContext, @Body() body: ResponsibilityCreateDto): Promise<ResponsibilityResponse> {
    return toResponsibilityResponse(await this.responsibilities.create(auth, body));
  }

  @Patch('responsibilities/:responsibilityId')
  @RequirePermission(TargetPermission.Manage)
  @ApiOkResponse({ type: ResponsibilityResponse })
  async update(
    @Auth() auth: AuthContext,
    @Param('responsibilityId', RESPONSIBILITY_ID) id: string,
    @Body() body: ResponsibilityUpdateDto,
  ): Promise<ResponsibilityResponse> {
    return toResponsibilityResponse(await this.responsibilities.update(auth, id, body));
  }

  /** For rows entered by mistake: a responsibility that ended is given a validUntil and kept. */
  @Delete('responsibilities/:responsibilityId')
  @HttpCode(204)
  @RequirePermission(TargetPermission.Manage)
  @ApiNoContentResponse({ description: 'Deleted' })
  async remove(@Auth() auth: AuthContext, @Param('responsibilityId', RESPONSIBILITY_ID) id: string): Promise<void> {
    await this.responsibilities.remove(auth, id);
  }
}
