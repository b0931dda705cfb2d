import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse } from '@nestjs/swagger';
import type { AuthContext } from '#rally/access';
import { Auth, IdPipe, RequirePermission, StaffApi } from '#rally/access';
import type { Page } from '#rally/core';
import { ErrorResponse, pageOf, PageSchema, pageWindow } from '#rally/core';
import {
  AreaLookupCreateDto,
  AreaLookupListQueryDto,
  AreaLookupResponse,
  AreaLookupUpdateDto,
  toAreaLookupResponse,
} from '../dto/area-lookup.dto.js';
import { TargetPermission } from '../targets.permissions.js';
import { AreaLookupService } from './area-lookup.service.js';

const AREA_LOOKUP_ID = new IdPipe('Area lookup');

@StaffApi('area-lookups')
@Controller('api/orgs/:orgSlug/area-lookups')
export class AreaLookupController {
  constructor(private readonly lookups: AreaLookupService) {}

  @Get()
  @RequirePermission(TargetPermission.Read)
  @ApiOkResponse({ type: PageSchema(AreaLookupResponse) })
  async list(@Auth() auth: AuthContext, @Query() query: AreaLookupListQueryDto): Promise<Page<AreaLookupResponse>> {
    const window = pageWindow(query);
    const { items, total } = await this.lookups.list(auth, { country: query.country, q: query.q, ...window });
    return pageOf(items.map(toAreaLookupResponse), total, window);
  }

  @Post()
  @RequirePermission(TargetPermission.Manage)
  @ApiCreatedResponse({ type: AreaLookupResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The prefix is already mapped in this country' })
  async create(@Auth() auth: AuthContext, @Body() body: AreaLookupCreateDto): Promise<AreaLookupResponse> {
    return toAreaLookupResponse(await this.lookups.create(auth, body));
  }

  @Patch(':areaLookupId')
  @RequirePermission(TargetPermission.Manage)
  @ApiOkResponse({ type: AreaLookupResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The prefix is already mapped in this country' })
  async update(
    @Auth() auth: AuthContext,
    @Param('areaLookupId', AREA_LOOKUP_ID) id: string,
    @Body() body: AreaLookupUpdateDto,
  ): Promise<AreaLookupResponse> {
    return toAreaLookupResponse(await this.lookups.update(auth, id, body));
  }

  @Delete(':areaLookupId')
  @HttpCode(204)
  @RequirePermission(TargetPermission.Manage)
  @ApiNoContentResponse({ description: 'Deleted' })
  async remove(@Auth() auth: AuthContext, @Param('areaLookupId', AREA_LOOKUP_ID) id: string): Promise<void> {
    await this.lookups.remove(auth, id);
  }
}
