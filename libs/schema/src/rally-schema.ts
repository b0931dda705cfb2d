import { existsSync, readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { DataSourceOptions } from 'typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrationsLocked } from '#rally/core';
import { RALLY_ENTITIES } from './rally-libraries.js';

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
const MIGRATION_FILE = /^\d{13}-[\w-]+\.(ts|js)$/;

type MigrationClass = new () => unknown;

/** The checked-in migrations, found by file name so features add files without editing a list. */
export async function loadMigrations(): Promise<MigrationClass[]> {
  if (!existsSync(MIGRATIONS_DIR)) return [];
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((f) => MIGRATION_FILE.test(f) && !f.endsWith('.d.ts'))
    .sort();
  const classes: MigrationClass[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(new URL(file, MIGRATIONS_DIR).pathname).href)) as Record<string, unknown>;
    for (const value of Object.values(mod)) if (typeof value === 'function') classes.push(value as MigrationClass);
  }
  return classes;
}

export async function rallyDataSourceOptions(url: string, poolSize: number): Promise<DataSourceOptions> {
  return dataSourceOptions(url, poolSize, RALLY_ENTITIES, await loadMigrations());
}

/** Brings a database up to date under the migration lock; safe to call from every process at boot. */
export async function migrateRallyDatabase(url: string): Promise<string[]> {
  const ds = new DataSource(await rallyDataSourceOptions(url, 2));
  await ds.initialize();
  try {
    return await runMigrationsLocked(ds);
  } finally {
    await ds.destroy();
  }
}
