import { Controller, Get, Query } from '@nestjs/common';
import { StaffApi } from '../staff-api.decorator.js';
import type { AuthContext } from '#rally/core';
import { Auth, Permission, RequirePermission } from '#rally/core';
import { AuditEventResponse, AuditQueryDto, toAuditEventResponse } from '../dto/audit.dto.js';
import { AuditLog } from './audit-log.service.js';

@StaffApi('audit')
@Controller('api/orgs/:orgSlug/audit-events')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  @RequirePermission(Permission.AuditRead)
  @Get()
  async list(@Auth() auth: AuthContext, @Query() query: AuditQueryDto): Promise<AuditEventResponse[]> {
    return (await this.audit.list(auth, { limit: query.limit ?? 50, before: query.before })).map(toAuditEventResponse);
  }
}
