import { OrganisationPermission } from './organisations.permissions.js';
import { Body, Controller, Get, Patch, Put } from '@nestjs/common';
import type { AuthContext } from '#rally/access';
import { AnyMember, Auth, RequirePermission, StaffApi } from '#rally/access';
import {
  MailSettingsDto,
  OrganisationResponse,
  OrganisationUpdateDto,
  toOrganisationResponse,
} from './dto/organisation.dto.js';
import { OrganisationService } from './organisation.service.js';

class AuthContextResponse {
  organisationId: string;
  role: string;
  actor: AuthContext['actor'];
}

@StaffApi('organisation')
@Controller('api/orgs/:orgSlug')
export class OrganisationController {
  constructor(private readonly organisations: OrganisationService) {}

  @RequirePermission(OrganisationPermission.Read)
  @Get()
  async get(@Auth() auth: AuthContext): Promise<OrganisationResponse> {
    return toOrganisationResponse(await this.organisations.get(auth));
  }

  @RequirePermission(OrganisationPermission.Manage)
  @Patch()
  async update(@Auth() auth: AuthContext, @Body() body: OrganisationUpdateDto): Promise<OrganisationResponse> {
    return toOrganisationResponse(await this.organisations.update(auth, body));
  }

  /** Who the caller is in this organisation: role and whether a person or a token. */
  @AnyMember()
  @Get('me')
  me(@Auth() auth: AuthContext): AuthContextResponse {
    return { organisationId: auth.organisationId, role: auth.role, actor: auth.actor };
  }

  @RequirePermission(OrganisationPermission.MailSettingsManage)
  @Get('mail-settings')
  async mailSettings(@Auth() auth: AuthContext): Promise<MailSettingsDto> {
    return { sendingAddress: (await this.organisations.get(auth)).sendingAddress };
  }

  @RequirePermission(OrganisationPermission.MailSettingsManage)
  @Put('mail-settings')
  async setMailSettings(@Auth() auth: AuthContext, @Body() body: MailSettingsDto): Promise<MailSettingsDto> {
    return { sendingAddress: (await this.organisations.setSendingAddress(auth, body.sendingAddress)).sendingAddress };
  }
}
