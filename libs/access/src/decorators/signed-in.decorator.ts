import type { ExecutionContext } from '@nestjs/common';
import { createParamDecorator, SetMetadata } from '@nestjs/common';
import type { ActiveSession } from '../sessions/session.service.js';

export const SIGNED_IN = Symbol('SIGNED_IN');

/** Account route (no organisation): needs a signed-in session cookie, never an API token. */
export const SignedIn = (): MethodDecorator & ClassDecorator => SetMetadata(SIGNED_IN, true);

export interface RequestWithSession {
  staffSession?: ActiveSession;
}

/** The session the guard resolved on a @SignedIn() route. */
export const CurrentSession = createParamDecorator((_: unknown, ctx: ExecutionContext): ActiveSession => {
  const session = ctx.switchToHttp().getRequest<RequestWithSession>().staffSession;
  if (!session) throw new Error('@CurrentSession() used on a route without @SignedIn()');
  return session;
});
