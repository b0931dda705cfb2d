import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { AuthContext } from '#rally/access';
import { AnyMember, Auth, RequirePermission, StaffApi } from '#rally/access';
import {
  FollowUpPreferenceDto,
  FollowUpPreferenceResponse,
  FollowUpSettingsDto,
  FollowUpSettingsResponse,
} from '../dto/follow-up-settings.dto.js';
import { FollowUpPermission } from '../followups.permissions.js';
import { FollowUpSettingsService } from './follow-up-settings.service.js';

/** Outside follow-ups/:followUpId so no path segment is ever read as an id. */
@StaffApi('follow-ups')
@Controller('api/orgs/:orgSlug')
export class FollowUpSettingsController {
  constructor(private readonly settings: FollowUpSettingsService) {}

  @Get('follow-up-settings')
  @RequirePermission(FollowUpPermission.Read)
  @ApiOkResponse({ type: FollowUpSettingsResponse })
  async get(@Auth() auth: AuthContext): Promise<FollowUpSettingsResponse> {
    return this.settings.settings(auth);
  }

  @Put('follow-up-settings')
  @RequirePermission(FollowUpPermission.Settings)
  @ApiOkResponse({ type: FollowUpSettingsResponse })
  async set(@Auth() auth: AuthContext, @Body() body: FollowUpSettingsDto): Promise<FollowUpSettingsResponse> {
    return this.settings.setSettings(auth, body);
  }

  /** The signed-in member's own choices (an API token has none: 422). */
  @Get('follow-up-preferences/me')
  @AnyMember()
  @ApiOkResponse({ type: FollowUpPreferenceResponse })
  async preference(@Auth() auth: AuthContext): Promise<FollowUpPreferenceResponse> {
    return this.settings.preference(auth);
  }

  @Put('follow-up-preferences/me')
  @AnyMember()
  @ApiOkResponse({ type: FollowUpPreferenceResponse })
  async setPreference(
    @Auth() auth: AuthContext,
    @Body() body: FollowUpPreferenceDto,
  ): Promise<FollowUpPreferenceResponse> {
    return this.settings.setPreference(auth, body);
  }
}
