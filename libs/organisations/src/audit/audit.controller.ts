import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { AuthContext } from '#rally/access';
import { AuditLog, Auth, RequirePermission, StaffApi } from '#rally/access';
import type { Page } from '#rally/core';
import { pageOf, PageSchema, pageWindow } from '#rally/core';
import { AuditEventResponse, AuditQueryDto, toAuditEventResponse } from '../dto/audit.dto.js';
import { OrganisationPermission } from '../organisations.permissions.js';

@StaffApi('audit')
@Controller('api/orgs/:orgSlug/audit-events')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  @RequirePermission(OrganisationPermission.AuditRead)
  @Get()
  @ApiOkResponse({ type: PageSchema(AuditEventResponse) })
  async list(@Auth() auth: AuthContext, @Query() query: AuditQueryDto): Promise<Page<AuditEventResponse>> {
    const window = pageWindow(query);
    const { limit: _limit, offset: _offset, ...filters } = query;
    const { items, total } = await this.audit.list(auth, { ...filters, ...window });
    return pageOf(items.map(toAuditEventResponse), total, window);
  }
}
