import type { ExecutionContext } from '@nestjs/common';
import { createParamDecorator, SetMetadata } from '@nestjs/common';
import type { AuthContext } from '../auth-context.js';
import type { Permission } from '../permissions.js';

export const REQUIRED_PERMISSION = Symbol('REQUIRED_PERMISSION');
export const ANY_MEMBER = 'any-member';

/** The permission a staff route needs; the global guard enforces it. A route with no access marker is refused. */
export const RequirePermission = (permission: Permission): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_PERMISSION, permission);

/** Staff route that any signed-in member may call (e.g. "who am I"), regardless of role. */
export const AnyMember = (): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_PERMISSION, ANY_MEMBER);

export interface RequestWithAuth {
  auth?: AuthContext;
}

/** The AuthContext the guard attached to the request. */
export const Auth = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthContext => {
  const auth = ctx.switchToHttp().getRequest<RequestWithAuth>().auth;
  if (!auth) throw new Error('@Auth() used on a route without an authenticated guard');
  return auth;
});
