import { Body, Controller, Get, HttpCode, Post, Req, Res, UnsupportedMediaTypeException } from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RallyConfig } from '#rally/core';
import { InjectConfig, Public, negotiateLanguage, ErrorResponse } from '#rally/core';
import { clearSessionCookies, setSessionCookies, SessionService, CurrentSession, SignedIn } from '#rally/access';
import type { ActiveSession } from '#rally/access';
import {
  LoginDto,
  PasswordChangeDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  PasswordResetRequestedResponse,
  SessionResponse,
} from '../dto/auth.dto.js';
import { AccountService } from './account.service.js';
import { LoginService } from './login.service.js';
import { PasswordResetService } from './password-reset.service.js';

/** Sign-in, sign-out, the current session and passwords: account routes, not tied to one organisation. */
@ApiTags('account')
@Controller('api/auth')
export class AuthController {
  constructor(
    @InjectConfig() private readonly config: RallyConfig,
    private readonly login: LoginService,
    private readonly accounts: AccountService,
    private readonly sessions: SessionService,
    private readonly resets: PasswordResetService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionResponse })
  @ApiResponse({ status: 401, description: 'Email or password is wrong', type: ErrorResponse })
  @ApiResponse({
    status: 429,
    description: 'Too many attempts: the account or address is locked for a while',
    type: ErrorResponse,
  })
  async signIn(
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionResponse> {
    // JSON only: a plain HTML form on another site could otherwise sign a visitor into someone else's account
    // (login CSRF); a cross-site JSON post needs a CORS preflight, which Rally never grants.
    if (!(request.headers['content-type'] ?? '').startsWith('application/json'))
      throw new UnsupportedMediaTypeException('Sign in with a JSON body (content-type: application/json)');
    const { user, session } = await this.login.login(
      body.email,
      body.password,
      request.ip,
      negotiateLanguage(request.headers['accept-language']),
    );
    setSessionCookies(reply, this.config, session);
    return this.sessionResponse(user.id, session.csrfToken);
  }

  @SignedIn()
  @ApiCookieAuth('session')
  @Get('session')
  @ApiOkResponse({ type: SessionResponse })
  @ApiResponse({ status: 401, description: 'Not signed in, or the session ended', type: ErrorResponse })
  current(@CurrentSession() session: ActiveSession): Promise<SessionResponse> {
    return this.sessionResponse(session.userId, session.csrfToken);
  }

  @SignedIn()
  @ApiCookieAuth('session')
  @Post('logout')
  @HttpCode(204)
  async signOut(
    @CurrentSession() session: ActiveSession,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.sessions.end(session.sessionId);
    clearSessionCookies(reply, this.config);
  }

  @SignedIn()
  @ApiCookieAuth('session')
  @Post('password')
  @HttpCode(200)
  @ApiOkResponse({
    type: SessionResponse,
    description: 'The password changed; every other session ended, this one renewed',
  })
  @ApiResponse({ status: 422, description: 'The new password is too weak', type: ErrorResponse })
  async changePassword(
    @CurrentSession() session: ActiveSession,
    @Body() body: PasswordChangeDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionResponse> {
    const fresh = await this.accounts.changePassword(session, body.currentPassword, body.newPassword, request.ip);
    setSessionCookies(reply, this.config, fresh);
    return this.sessionResponse(session.userId, fresh.csrfToken);
  }

  @Public()
  @Post('password-reset')
  @HttpCode(202)
  @ApiResponse({
    status: 202,
    description: 'Sent if the account exists (the same answer either way)',
    type: PasswordResetRequestedResponse,
  })
  async requestReset(
    @Body() body: PasswordResetRequestDto,
    @Req() request: FastifyRequest,
  ): Promise<PasswordResetRequestedResponse> {
    // The mail speaks the language of the person asking (the account belongs to no one organisation).
    await this.resets.request(body.email, request.ip, negotiateLanguage(request.headers['accept-language']));
    return { status: 'sent_if_account_exists' };
  }

  @Public()
  @Post('password-reset/confirm')
  @HttpCode(204)
  @ApiResponse({ status: 204, description: 'The password changed; every session of the account ended' })
  @ApiResponse({ status: 410, description: 'The link was used, expired or is unknown', type: ErrorResponse })
  async confirmReset(@Body() body: PasswordResetConfirmDto): Promise<void> {
    await this.resets.confirm(body.token, body.newPassword);
  }

  private async sessionResponse(userId: string, csrfToken: string): Promise<SessionResponse> {
    const { user, organisations } = await this.accounts.view(userId);
    return { userId: user.id, email: user.email, name: user.name, csrfToken, organisations };
  }
}
