import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthContext, RallyConfig } from '#rally/core';
import { Auth, InjectConfig, Permission, Public, RequirePermission } from '#rally/core';
import { SESSION_COOKIE, setSessionCookies } from '../auth/auth-cookies.js';
import { SessionService } from '../auth/session.service.js';
import {
  InvitationAcceptDto,
  InvitationCreateDto,
  InvitationPreviewResponse,
  InvitationResponse,
  InvitationTokenDto,
  toInvitationResponse,
} from '../dto/invitation.dto.js';
import { IdPipe } from '../id.pipe.js';
import { StaffApi } from '../staff-api.decorator.js';
import { InvitationAcceptService } from './invitation-accept.service.js';
import type { InvitationPreview } from './invitation-accept.service.js';
import { InvitationService } from './invitation.service.js';

@StaffApi('members')
@Controller('api/orgs/:orgSlug/invitations')
export class InvitationController {
  constructor(private readonly invitations: InvitationService) {}

  @RequirePermission(Permission.MembersManage)
  @Get()
  async list(@Auth() auth: AuthContext): Promise<InvitationResponse[]> {
    return (await this.invitations.list(auth)).map(toInvitationResponse);
  }

  @RequirePermission(Permission.MembersManage)
  @Post()
  async create(@Auth() auth: AuthContext, @Body() body: InvitationCreateDto): Promise<InvitationResponse> {
    return toInvitationResponse(await this.invitations.create(auth, body));
  }

  @RequirePermission(Permission.MembersManage)
  @Post(':invitationId/revoke')
  @HttpCode(200)
  async revoke(
    @Auth() auth: AuthContext,
    @Param('invitationId', new IdPipe('Invitation')) invitationId: string,
  ): Promise<InvitationResponse> {
    return toInvitationResponse(await this.invitations.revoke(auth, invitationId));
  }
}

/** The invitee's side: no account or organisation yet, so public; the link's secret is the credential. */
@ApiTags('account')
@Controller('api/auth/invitations')
export class InvitationAcceptController {
  constructor(
    @InjectConfig() private readonly config: RallyConfig,
    private readonly accepts: InvitationAcceptService,
    private readonly sessions: SessionService,
  ) {}

  @Public()
  @Post('preview')
  @HttpCode(200)
  preview(@Body() body: InvitationTokenDto): Promise<InvitationPreviewResponse> {
    return this.accepts.preview(body.token) satisfies Promise<InvitationPreview>;
  }

  @Public()
  @Post('accept')
  @HttpCode(200)
  async accept(
    @Body() body: InvitationAcceptDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ userId: string; organisationSlug: string; csrfToken: string }> {
    const cookie = request.cookies[SESSION_COOKIE];
    const current = cookie ? await this.sessions.resolve(cookie) : null;
    const joined = await this.accepts.accept(
      body.token,
      { name: body.name, password: body.password },
      current?.userId ?? null,
    );
    if (current?.userId === joined.userId)
      return { userId: joined.userId, organisationSlug: joined.slug, csrfToken: current.csrfToken };
    const session = await this.sessions.issue(joined.userId, request.ip);
    setSessionCookies(reply, this.config, session);
    return { userId: joined.userId, organisationSlug: joined.slug, csrfToken: session.csrfToken };
  }
}
