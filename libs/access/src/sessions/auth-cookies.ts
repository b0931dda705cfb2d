import type {} from '@fastify/cookie';
import type { FastifyReply } from 'fastify';
import type { RallyConfig } from '#rally/core';
import type { IssuedSession } from './session.service.js';

export const SESSION_COOKIE = 'rally_session';
/** Readable by the console's script so it can echo it in `x-csrf-token`; useless to anyone without the session. */
export const CSRF_COOKIE = 'rally_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const base = (config: RallyConfig) => ({
  path: '/',
  sameSite: 'lax' as const,
  secure: config.http.publicUrl.startsWith('https:'),
});

export function setSessionCookies(reply: FastifyReply, config: RallyConfig, session: IssuedSession): void {
  const maxAge = Math.floor((session.expiresAt.getTime() - Date.now()) / 1000);
  void reply.setCookie(SESSION_COOKIE, session.secret, { ...base(config), httpOnly: true, maxAge });
  void reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...base(config), httpOnly: false, maxAge });
}

export function clearSessionCookies(reply: FastifyReply, config: RallyConfig): void {
  void reply.clearCookie(SESSION_COOKIE, { ...base(config), httpOnly: true });
  void reply.clearCookie(CSRF_COOKIE, { ...base(config), httpOnly: false });
}
