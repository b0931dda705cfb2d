import { Body, Controller, Get, Inject, Patch, Put } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { AuthContext } from '#rally/access';
import { AnyMember, Auth, KNOWN_PERMISSIONS, permissionNamesFor, RequirePermission, StaffApi } from '#rally/access';
import type { PermissionLike } from '#rally/core';
import {
  MailSettingsDto,
  OrganisationResponse,
  OrganisationUpdateDto,
  toOrganisationResponse,
} from './dto/organisation.dto.js';
import { MeResponse } from './dto/me.dto.js';
import { OrganisationService } from './organisation.service.js';
import { OrganisationPermission } from './organisations.permissions.js';

@StaffApi('organisation')
@Controller('api/orgs/:orgSlug')
export class OrganisationController {
  constructor(
    private readonly organisations: OrganisationService,
    @Inject(KNOWN_PERMISSIONS) private readonly permissions: readonly PermissionLike[],
  ) {}

  @RequirePermission(OrganisationPermission.Read)
  @Get()
  @ApiOkResponse({ type: OrganisationResponse })
  async get(@Auth() auth: AuthContext): Promise<OrganisationResponse> {
    return toOrganisationResponse(await this.organisations.get(auth));
  }

  @RequirePermission(OrganisationPermission.Manage)
  @Patch()
  @ApiOkResponse({ type: OrganisationResponse })
  async update(@Auth() auth: AuthContext, @Body() body: OrganisationUpdateDto): Promise<OrganisationResponse> {
    return toOrganisationResponse(await this.organisations.update(auth, body));
  }

  /**
   * Who the caller is in this organisation: role, person or token, and every permission the role holds. The console
   * shows only what these allow, so it never keeps a copy of the matrix.
   */
  @AnyMember()
  @Get('me')
  @ApiOkResponse({ type: MeResponse })
  me(@Auth() auth: AuthContext): MeResponse {
    const actor =
      auth.actor.kind === 'user'
        ? { kind: 'user' as const, userId: auth.actor.userId }
        : { kind: 'token' as const, tokenId: auth.actor.tokenId };
    return {
      organisationId: auth.organisationId,
      role: auth.role,
      actor,
      permissions: permissionNamesFor(auth.role, this.permissions),
    };
  }

  @RequirePermission(OrganisationPermission.MailSettingsManage)
  @Get('mail-settings')
  @ApiOkResponse({ type: MailSettingsDto })
  async mailSettings(@Auth() auth: AuthContext): Promise<MailSettingsDto> {
    return { sendingAddress: (await this.organisations.get(auth)).sendingAddress };
  }

  @RequirePermission(OrganisationPermission.MailSettingsManage)
  @Put('mail-settings')
  @ApiOkResponse({ type: MailSettingsDto })
  async setMailSettings(@Auth() auth: AuthContext, @Body() body: MailSettingsDto): Promise<MailSettingsDto> {
    return { sendingAddress: (await this.organisations.setSendingAddress(auth, body.sendingAddress)).sendingAddress };
  }
}
