import type { RallyConfig } from '#rally/core';
import { demoSeedHook } from './organisation.commands.js';

/** Steps `npm start` runs after migrating; each returns lines to print (e.g. the demo login, shown once). */
export type FirstRunHook = (config: RallyConfig, databaseUrl: string) => Promise<string[]>;

export const FIRST_RUN_HOOKS: FirstRunHook[] = [demoSeedHook];
