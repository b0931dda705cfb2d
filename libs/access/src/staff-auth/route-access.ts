import type { OnApplicationBootstrap, Type } from '@nestjs/common';
import { Inject, Injectable, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, Reflector } from '@nestjs/core';
import type { PermissionLike } from '#rally/core';
import { IS_PUBLIC } from '#rally/core';
import { ANY_MEMBER, REQUIRED_PERMISSION } from '../decorators/access-markers.js';
import { SIGNED_IN } from '../decorators/signed-in.decorator.js';
import type { Permission } from '../permissions.js';

export type RouteAccess =
  | { kind: 'public' }
  | { kind: 'signed-in' }
  | { kind: 'any-member' }
  | { kind: 'permission'; permission: Permission }
  | { kind: 'none' };

export interface RouteEntry {
  method: string;
  /** OpenAPI style: /api/orgs/{orgSlug}/members/{memberId} */
  path: string;
  access: RouteAccess;
}

export const ORG_ROUTE_PREFIX = '/api/orgs/{orgSlug}';

/** The permissions every composed library lists (AccessModule.forApi's `permissions`). */
export const KNOWN_PERMISSIONS = Symbol('KNOWN_PERMISSIONS');

const join = (...parts: (string | string[] | undefined)[]): string =>
  `/${parts.map((p) => (Array.isArray(p) ? p[0] : p) ?? '').join('/')}`.replace(/\/+/g, '/').replace(/\/$/, '') || '/';

/** Every route of these controllers with the access marker the guard reads: what the boot check and the tests walk. */
export function listRoutes(controllers: readonly Type[], reflector = new Reflector()): RouteEntry[] {
  const routes: RouteEntry[] = [];
  for (const controller of controllers) {
    const base = Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined;
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = (controller.prototype as Record<string, unknown>)[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      const verb = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (sub === undefined || verb === undefined) continue;
      const targets = [handler as () => void, controller];
      const permission = reflector.getAllAndOverride<Permission | typeof ANY_MEMBER | undefined>(
        REQUIRED_PERMISSION,
        targets,
      );
      const access: RouteAccess = reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)
        ? { kind: 'public' }
        : reflector.getAllAndOverride<boolean>(SIGNED_IN, targets)
          ? { kind: 'signed-in' }
          : permission === ANY_MEMBER
            ? { kind: 'any-member' }
            : permission
              ? { kind: 'permission', permission }
              : { kind: 'none' };
      routes.push({ method: RequestMethod[verb], path: join(base, sub).replace(/:(\w+)/g, '{$1}'), access });
    }
  }
  return routes;
}

export class RouteAccessError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `The api cannot start: routes without a working access marker:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}

/** Problems with the routes' access markers; empty when every route says who may call it. */
export function routeAccessProblems(routes: readonly RouteEntry[], known: readonly PermissionLike[]): string[] {
  const listed = new Set<PermissionLike>(known);
  const problems: string[] = [];
  for (const r of routes) {
    const route = `${r.method} ${r.path}`;
    const orgScoped = r.path === ORG_ROUTE_PREFIX || r.path.startsWith(`${ORG_ROUTE_PREFIX}/`);
    if (r.access.kind === 'none') problems.push(`${route}: no @Public, @SignedIn, @AnyMember or @RequirePermission`);
    if ((r.access.kind === 'permission' || r.access.kind === 'any-member') && !orgScoped)
      problems.push(`${route}: a staff route must live under ${ORG_ROUTE_PREFIX}`);
    if (r.access.kind === 'permission' && !listed.has(r.access.permission))
      problems.push(`${route}: permission ${r.access.permission.name} is not listed in any library manifest`);
  }
  return problems;
}

/** Fails the boot of the api when any route would be refused to everyone (or open by mistake). */
@Injectable()
export class RouteAccessCheck implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(KNOWN_PERMISSIONS) private readonly known: readonly PermissionLike[],
  ) {}

  onApplicationBootstrap(): void {
    const controllers = this.discovery.getControllers().flatMap((w) => (w.metatype ? [w.metatype as Type] : []));
    const problems = routeAccessProblems(listRoutes(controllers), this.known);
    if (problems.length > 0) throw new RouteAccessError(problems);
  }
}
