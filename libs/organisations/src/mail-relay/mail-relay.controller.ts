import { Body, Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse } from '@nestjs/swagger';
import type { AuthContext } from '#rally/access';
import { Auth, RequirePermission, StaffApi } from '#rally/access';
import type { OrganisationRelay } from '#rally/mail';
import {
  MailRelayDto,
  MailRelaySettingsResponse,
  MailRelayTestDto,
  MailRelayTestResponse,
  toMailRelayResponse,
} from '../dto/mail-relay.dto.js';
import { OrganisationPermission } from '../organisations.permissions.js';
import { MailRelayService } from './mail-relay.service.js';

/**
 * The organisation's own SMTP relay, beside its mail settings. Without SMTP_URL the installation captures all mail
 * locally (capture mode), so a saved relay is kept but not used; `captureMode` says so.
 */
@StaffApi('organisation')
@Controller('api/orgs/:orgSlug/mail-relay')
export class MailRelayController {
  constructor(private readonly relays: MailRelayService) {}

  @RequirePermission(OrganisationPermission.MailSettingsManage)
  @Get()
  @ApiOkResponse({ type: MailRelaySettingsResponse, description: '`relay` is null when none is saved' })
  async get(@Auth() auth: AuthContext): Promise<MailRelaySettingsResponse> {
    return this.settings(await this.relays.find(auth));
  }

  @RequirePermission(OrganisationPermission.MailSettingsManage)
  @Put()
  @ApiOkResponse({ type: MailRelaySettingsResponse })
  async put(@Auth() auth: AuthContext, @Body() body: MailRelayDto): Promise<MailRelaySettingsResponse> {
    return this.settings(await this.relays.save(auth, body));
  }

  /** Idempotent: 204 whether or not a relay was saved; the organisation's mail goes through the installation again. */
  @RequirePermission(OrganisationPermission.MailSettingsManage)
  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@Auth() auth: AuthContext): Promise<void> {
    return this.relays.remove(auth);
  }

  /** Connects and signs in (sending nothing) within 10 s; a refusal is `ok: false` with the server's words. */
  @RequirePermission(OrganisationPermission.MailSettingsManage)
  @Post('test')
  @HttpCode(200)
  @ApiOkResponse({ type: MailRelayTestResponse })
  test(@Auth() auth: AuthContext, @Body() body: MailRelayTestDto): Promise<MailRelayTestResponse> {
    return this.relays.test(auth, body);
  }

  private settings(relay: OrganisationRelay | null): MailRelaySettingsResponse {
    const captureMode = this.relays.captureMode;
    return {
      relay: relay ? toMailRelayResponse(relay) : null,
      captureMode,
      inUse: !!relay?.enabled && !captureMode,
    };
  }
}
