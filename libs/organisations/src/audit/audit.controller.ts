import { Controller, Get, Query } from '@nestjs/common';
import { StaffApi, Auth, RequirePermission, AuditLog } from '#rally/access';
import type { AuthContext } from '#rally/access';
import { OrganisationPermission } from '../organisations.permissions.js';
import { AuditEventResponse, AuditQueryDto, toAuditEventResponse } from '../dto/audit.dto.js';

@StaffApi('audit')
@Controller('api/orgs/:orgSlug/audit-events')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  @RequirePermission(OrganisationPermission.AuditRead)
  @Get()
  async list(@Auth() auth: AuthContext, @Query() query: AuditQueryDto): Promise<AuditEventResponse[]> {
    return (await this.audit.list(auth, { limit: query.limit ?? 50, before: query.before })).map(toAuditEventResponse);
  }
}
