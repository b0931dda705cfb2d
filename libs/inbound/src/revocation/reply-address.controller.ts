import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { AuthContext } from '#rally/access';
import { Auth, IdPipe, RequirePermission, StaffApi } from '#rally/access';
import { ReplyAddressResponse, ReplyAddressRevokeDto } from '../dto/reply-address.dto.js';
import { InboundPermission } from '../inbound.permissions.js';
import { ReplyAddressService } from './reply-address.service.js';

const LETTER = new IdPipe('Letter');

/** A letter's reply address: whether it takes mail; coordinators revoke it when spam finds it, and restore it. */
@StaffApi('inbound')
@Controller('api/orgs/:orgSlug/inbound/letters/:letterId/reply-address')
export class ReplyAddressController {
  constructor(private readonly addresses: ReplyAddressService) {}

  @Get()
  @RequirePermission(InboundPermission.Read)
  @ApiOkResponse({ type: ReplyAddressResponse })
  get(@Auth() auth: AuthContext, @Param('letterId', LETTER) letterId: string): Promise<ReplyAddressResponse> {
    return this.addresses.get(auth, letterId);
  }

  @Post('revoke')
  @HttpCode(200)
  @RequirePermission(InboundPermission.Triage)
  @ApiOkResponse({ type: ReplyAddressResponse })
  revoke(
    @Auth() auth: AuthContext,
    @Param('letterId', LETTER) letterId: string,
    @Body() body: ReplyAddressRevokeDto,
  ): Promise<ReplyAddressResponse> {
    return this.addresses.revoke(auth, letterId, body.reason?.trim() ?? '');
  }

  @Post('restore')
  @HttpCode(200)
  @RequirePermission(InboundPermission.Triage)
  @ApiOkResponse({ type: ReplyAddressResponse })
  restore(@Auth() auth: AuthContext, @Param('letterId', LETTER) letterId: string): Promise<ReplyAddressResponse> {
    return this.addresses.restore(auth, letterId);
  }
}
