import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiOkResponse } from '@nestjs/swagger';
import type { AuthContext } from '#rally/access';
import { Auth, AuditLog, RequirePermission, StaffApi } from '#rally/access';
import { SuppressionCheckResponse, SuppressionCountResponse } from '../dto/mailing-response.dto.js';
import { SuppressionDto } from '../dto/mailing-request.dto.js';
import { MailingPermission } from '../mailings.permissions.js';
import { SuppressionList } from '../suppression/suppression-list.js';

/**
 * The suppression list for admins: how many, whether an address is on it, and adding one (a request by phone or
 * letter). It holds hashes only, so it cannot be listed. Removing an address is not offered: a person who wants mail
 * again signs up again with a fresh consent, which staff cannot give for them.
 */
@StaffApi('mailings')
@Controller('api/orgs/:orgSlug/suppressions')
export class SuppressionController {
  constructor(
    private readonly suppression: SuppressionList,
    private readonly audit: AuditLog,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Get()
  @RequirePermission(MailingPermission.Send)
  @ApiOkResponse({ type: SuppressionCountResponse })
  async count(@Auth() auth: AuthContext): Promise<SuppressionCountResponse> {
    return { suppressed: await this.suppression.count(auth) };
  }

  @Post('check')
  @HttpCode(200)
  @RequirePermission(MailingPermission.Send)
  @ApiOkResponse({ type: SuppressionCheckResponse })
  async check(@Auth() auth: AuthContext, @Body() body: SuppressionDto): Promise<SuppressionCheckResponse> {
    return { suppressed: await this.suppression.isSuppressed(auth, body.email) };
  }

  @Post()
  @HttpCode(200)
  @RequirePermission(MailingPermission.Send)
  @ApiOkResponse({ type: SuppressionCheckResponse })
  async add(@Auth() auth: AuthContext, @Body() body: SuppressionDto): Promise<SuppressionCheckResponse> {
    await this.db.transaction(async (manager) => {
      await this.suppression.suppress(auth, body.email, 'staff', null, manager);
      await this.audit.record(auth, { action: 'suppression.add', objectType: 'suppression' }, manager);
    });
    return { suppressed: true };
  }
}
