import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse } from '@nestjs/swagger';
import type { AuthContext } from '#rally/access';
import { Auth, IdPipe, RequirePermission, StaffApi } from '#rally/access';
import type { Page } from '#rally/core';
import { ErrorResponse, pageOf, PageSchema, pageWindow } from '#rally/core';
import {
  TargetCreateDto,
  TargetListQueryDto,
  TargetResponse,
  TargetUpdateDto,
  toTargetResponse,
} from '../dto/target.dto.js';
import { TargetPermission } from '../targets.permissions.js';
import { TargetService } from './target.service.js';

export const TARGET_ID = new IdPipe('Target');

@StaffApi('targets')
@Controller('api/orgs/:orgSlug/targets')
export class TargetController {
  constructor(private readonly targets: TargetService) {}

  @Post()
  @RequirePermission(TargetPermission.Manage)
  @ApiCreatedResponse({ type: TargetResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'externalId taken, or an address given twice' })
  async create(@Auth() auth: AuthContext, @Body() body: TargetCreateDto): Promise<TargetResponse> {
    return toTargetResponse(await this.targets.create(auth, body));
  }

  @Get()
  @RequirePermission(TargetPermission.Read)
  @ApiOkResponse({ type: PageSchema(TargetResponse) })
  async list(@Auth() auth: AuthContext, @Query() query: TargetListQueryDto): Promise<Page<TargetResponse>> {
    const window = pageWindow(query);
    const { q, kind, country, region, focusArea, tag, active, emailState, sort } = query;
    const { items, total } = await this.targets.list(auth, {
      ...{ q, kind, country, region, focusArea, tag, active, emailState, sort },
      ...window,
    });
    return pageOf(items.map(toTargetResponse), total, window);
  }

  @Get(':targetId')
  @RequirePermission(TargetPermission.Read)
  @ApiOkResponse({ type: TargetResponse })
  async get(@Auth() auth: AuthContext, @Param('targetId', TARGET_ID) id: string): Promise<TargetResponse> {
    return toTargetResponse(await this.targets.get(auth, id));
  }

  @Patch(':targetId')
  @RequirePermission(TargetPermission.Manage)
  @ApiOkResponse({ type: TargetResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'externalId taken' })
  async update(
    @Auth() auth: AuthContext,
    @Param('targetId', TARGET_ID) id: string,
    @Body() body: TargetUpdateDto,
  ): Promise<TargetResponse> {
    return toTargetResponse(await this.targets.update(auth, id, body));
  }

  /** For entries made by mistake; a target that served (responsibilities, letters) is set `active: false` instead. */
  @Delete(':targetId')
  @HttpCode(204)
  @RequirePermission(TargetPermission.Manage)
  @ApiNoContentResponse({ description: 'Deleted with its addresses' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Something refers to the target: deactivate it instead' })
  async remove(@Auth() auth: AuthContext, @Param('targetId', TARGET_ID) id: string): Promise<void> {
    await this.targets.remove(auth, id);
  }
}
