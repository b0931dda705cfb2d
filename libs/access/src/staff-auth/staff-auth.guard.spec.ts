import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { ForbiddenError, parseConfig, Public } from '#rally/core';
import { Role } from '../auth-context.js';
import { RequirePermission } from '../decorators/access-markers.js';
import { definePermission } from '../permissions.js';
import { setSessionCookies } from '../sessions/auth-cookies.js';
import type { SessionService } from '../sessions/session.service.js';
import type { AccessRepository } from './access.repository.js';
import { StaffAuthGuard } from './staff-auth.guard.js';

const AUDIT_READ = definePermission('audit.read', [Role.Admin], 'the audit log');

class Routes {
  unmarked(): void {}
  @Public() open(): void {}
  @RequirePermission(AUDIT_READ) outsideOrgPrefix(): void {}
}

const contextFor = (handler: () => void, params: Record<string, string> = {}): ExecutionContext =>
  ({
    getType: () => 'http',
    getHandler: () => handler,
    getClass: () => Routes,
    switchToHttp: () => ({
      getRequest: () => ({ params, headers: {}, cookies: {}, method: 'GET', routeOptions: { url: '/x' } }),
    }),
  }) as unknown as ExecutionContext;

describe('StaffAuthGuard fails closed', () => {
  // Never reached on these paths: the guard refuses before looking anyone up.
  const unreachable = new Proxy({}, { get: () => () => Promise.reject(new Error('should not authenticate')) });
  const guard = new StaffAuthGuard(new Reflector(), unreachable as SessionService, unreachable as AccessRepository);

  it('lets @Public routes through without credentials', async () => {
    await expect(guard.canActivate(contextFor(Routes.prototype.open))).resolves.toBe(true);
  });

  it('refuses a route with neither @Public, @SignedIn nor a permission', async () => {
    await expect(guard.canActivate(contextFor(Routes.prototype.unmarked, { orgSlug: 'demo' }))).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it('refuses a permission route that is not under /api/orgs/:orgSlug', async () => {
    await expect(guard.canActivate(contextFor(Routes.prototype.outsideOrgPrefix))).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });
});

describe('session cookies', () => {
  const capture = () => {
    const set: { name: string; options: Record<string, unknown> }[] = [];
    const reply = {
      setCookie: (name: string, _value: string, options: Record<string, unknown>) => set.push({ name, options }),
    } as unknown as FastifyReply;
    return { set, reply };
  };
  const session = { sessionId: 's', secret: 'rs_x', csrfToken: 'c', expiresAt: new Date(Date.now() + 3_600_000) };

  it('are Secure when PUBLIC_URL is https, httpOnly for the session, SameSite=Lax', () => {
    const { set, reply } = capture();
    setSessionCookies(reply, parseConfig({ PUBLIC_URL: 'https://rally.example.org' }), session);
    expect(set).toEqual([
      {
        name: 'rally_session',
        options: expect.objectContaining({ secure: true, httpOnly: true, sameSite: 'lax', path: '/' }),
      },
      { name: 'rally_csrf', options: expect.objectContaining({ secure: true, httpOnly: false, sameSite: 'lax' }) },
    ]);
  });

  it('are not Secure on plain http (local development)', () => {
    const { set, reply } = capture();
    setSessionCookies(reply, parseConfig({}), session);
    expect(set[0].options.secure).toBe(false);
  });
});
