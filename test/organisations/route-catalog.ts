import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { IS_PUBLIC, REQUIRED_PERMISSION } from '#rally/core';
import { SIGNED_IN } from '#rally/organisations';

export interface CatalogRoute {
  method: string;
  /** OpenAPI style: /api/orgs/{orgSlug}/members/{memberId} */
  path: string;
  access: { kind: 'public' } | { kind: 'signed-in' } | { kind: 'permission'; permission: string } | { kind: 'none' };
}

const join = (...parts: (string | string[] | undefined)[]): string =>
  `/${parts.flatMap((p) => (Array.isArray(p) ? p[0] : p) ?? '').join('/')}`.replace(/\/+/g, '/').replace(/\/$/, '') ||
  '/';

/** Every route the running api serves, with the access marker the guard reads: what the matrix tests walk. */
export function routeCatalog(app: INestApplication): CatalogRoute[] {
  const reflector = new Reflector();
  const routes: CatalogRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | undefined;
      if (!controller) continue;
      const base = Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        const verb = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (sub === undefined || verb === undefined) continue;
        const targets = [handler as () => void, controller];
        const permission = reflector.getAllAndOverride<string | undefined>(REQUIRED_PERMISSION, targets);
        const access: CatalogRoute['access'] = reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)
          ? { kind: 'public' }
          : reflector.getAllAndOverride<boolean>(SIGNED_IN, targets)
            ? { kind: 'signed-in' }
            : permission
              ? { kind: 'permission', permission }
              : { kind: 'none' };
        routes.push({ method: RequestMethod[verb], path: join(base, sub).replace(/:(\w+)/g, '{$1}'), access });
      }
    }
  }
  return routes;
}
