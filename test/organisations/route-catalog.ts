import type { INestApplication, Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { RouteEntry } from '#rally/access';
import { listRoutes } from '#rally/access';

export type CatalogRoute = RouteEntry;

/** Every route the running api serves, with the access marker the guard reads: what the matrix tests walk. */
export function routeCatalog(app: INestApplication): CatalogRoute[] {
  const controllers: Type[] = [];
  for (const module of app.get(ModulesContainer).values())
    for (const wrapper of module.controllers.values()) if (wrapper.metatype) controllers.push(wrapper.metatype as Type);
  return listRoutes(controllers);
}
