import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ForbiddenError, IS_PUBLIC, NotFoundError, UnauthenticatedError } from '#rally/core';
import type { AuthContext } from '../auth-context.js';
import type { RequestWithAuth } from '../decorators/access-markers.js';
import { ANY_MEMBER, REQUIRED_PERMISSION } from '../decorators/access-markers.js';
import type { RequestWithSession } from '../decorators/signed-in.decorator.js';
import { SIGNED_IN } from '../decorators/signed-in.decorator.js';
import type { Permission } from '../permissions.js';
import { roleMay } from '../permissions.js';
import { hashSecret, sameSecret } from '../secret-token.js';
import { CSRF_HEADER, SESSION_COOKIE } from '../sessions/auth-cookies.js';
import { SessionService } from '../sessions/session.service.js';
import type { ActiveSession } from '../sessions/session.service.js';
import { AccessRepository } from './access.repository.js';

type StaffRequest = FastifyRequest &
  RequestWithAuth &
  RequestWithSession & { params: Record<string, string | undefined> };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const isPermission = (value: unknown): value is Permission =>
  typeof value === 'object' && value !== null && Array.isArray((value as Permission).roles);

/**
 * The one gate of every route (APP_GUARD). Public routes pass; account routes need a session; staff routes
 * (`/api/orgs/:orgSlug/...`) need a session of a member or an API token of that organisation, then the route's
 * permission. Anything else is refused: a route nobody marked is a route nobody thought about.
 */
@Injectable()
export class StaffAuthGuard implements CanActivate {
  private readonly logger = new Logger('StaffAuthGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    private readonly access: AccessRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<StaffRequest>();

    if (this.reflector.getAllAndOverride<boolean>(SIGNED_IN, targets)) {
      request.staffSession = await this.sessionOf(request);
      return true;
    }

    const permission = this.reflector.getAllAndOverride<Permission | typeof ANY_MEMBER | undefined>(
      REQUIRED_PERMISSION,
      targets,
    );
    const slug = request.params.orgSlug;
    // Also refused at boot (RouteAccessCheck); checked again here so a route can never slip through.
    if ((permission !== ANY_MEMBER && !isPermission(permission)) || slug === undefined) {
      this.logger.error({
        msg: 'route refused: no @Public, @SignedIn or permission under /api/orgs/:orgSlug',
        route: request.routeOptions.url,
        method: request.method,
      });
      throw new ForbiddenError('route_not_configured', 'This route is not open to anyone');
    }

    request.auth = await this.authenticate(request, slug);
    if (isPermission(permission) && !roleMay(request.auth.role, permission)) throw new ForbiddenError();
    return true;
  }

  private async authenticate(request: StaffRequest, slug: string): Promise<AuthContext> {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
      const found = token ? await this.access.tokenAccess(hashSecret(token)) : null;
      if (!found) throw new UnauthenticatedError('invalid_token', 'The API token is invalid or revoked');
      // A token of another organisation learns nothing about this one: same answer as an unknown slug.
      if (found.slug !== slug) throw new NotFoundError('Organisation');
      await this.access.touchToken(found.tokenId);
      return {
        organisationId: found.organisationId,
        role: found.role,
        actor: { kind: 'token', tokenId: found.tokenId },
        ip: request.ip,
      };
    }
    const session = await this.sessionOf(request);
    const member = await this.access.memberAccess(slug, session.userId);
    if (!member) throw new NotFoundError('Organisation');
    return {
      organisationId: member.organisationId,
      role: member.role,
      actor: { kind: 'user', userId: session.userId, sessionId: session.sessionId },
      ip: request.ip,
    };
  }

  /** Resolves the session cookie; unsafe methods must also carry the session's CSRF token in a header. */
  private async sessionOf(request: StaffRequest): Promise<ActiveSession> {
    const secret = request.cookies?.[SESSION_COOKIE];
    const session = secret ? await this.sessions.resolve(secret) : null;
    if (!session) throw new UnauthenticatedError('session_required', 'Sign in first: no valid session');
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      if (typeof header !== 'string' || !sameSecret(header, session.csrfToken))
        throw new ForbiddenError('csrf_failed', `Missing or wrong ${CSRF_HEADER} header`);
    }
    return session;
  }
}
