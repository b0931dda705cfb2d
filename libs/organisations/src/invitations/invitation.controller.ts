import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Page, RallyConfig } from '#rally/core';
import type { AuthContext } from '#rally/access';
import { InjectConfig, pageOf, PageSchema, pageWindow, Public } from '#rally/core';
import {
  Auth,
  RequirePermission,
  SESSION_COOKIE,
  setSessionCookies,
  SessionService,
  IdPipe,
  StaffApi,
} from '#rally/access';
import { OrganisationPermission } from '../organisations.permissions.js';
import {
  InvitationAcceptDto,
  InvitationAcceptedResponse,
  InvitationCreateDto,
  InvitationListQueryDto,
  InvitationPreviewResponse,
  InvitationResponse,
  InvitationTokenDto,
  toInvitationResponse,
} from '../dto/invitation.dto.js';
import { InvitationAcceptService } from './invitation-accept.service.js';
import type { InvitationPreview } from './invitation-accept.service.js';
import { InvitationService } from './invitation.service.js';

@StaffApi('members')
@Controller('api/orgs/:orgSlug/invitations')
export class InvitationController {
  constructor(private readonly invitations: InvitationService) {}

  @RequirePermission(OrganisationPermission.MembersManage)
  @Get()
  @ApiOkResponse({ type: PageSchema(InvitationResponse) })
  async list(@Auth() auth: AuthContext, @Query() query: InvitationListQueryDto): Promise<Page<InvitationResponse>> {
    const window = pageWindow(query);
    const { items, total } = await this.invitations.list(auth, { state: query.state, ...window });
    return pageOf(items.map(toInvitationResponse), total, window);
  }

  @RequirePermission(OrganisationPermission.MembersManage)
  @Post()
  @ApiCreatedResponse({ type: InvitationResponse })
  async create(@Auth() auth: AuthContext, @Body() body: InvitationCreateDto): Promise<InvitationResponse> {
    return toInvitationResponse(await this.invitations.create(auth, body));
  }

  @RequirePermission(OrganisationPermission.MembersManage)
  @Post(':invitationId/revoke')
  @HttpCode(200)
  @ApiOkResponse({ type: InvitationResponse })
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
  @ApiOkResponse({ type: InvitationPreviewResponse })
  preview(@Body() body: InvitationTokenDto): Promise<InvitationPreviewResponse> {
    return this.accepts.preview(body.token) satisfies Promise<InvitationPreview>;
  }

  @Public()
  @Post('accept')
  @HttpCode(200)
  @ApiOkResponse({ type: InvitationAcceptedResponse })
  async accept(
    @Body() body: InvitationAcceptDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InvitationAcceptedResponse> {
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
