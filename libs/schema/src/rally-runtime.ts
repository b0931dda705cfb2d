import type { DataSourceOptions } from 'typeorm';
import type { EmbeddedDatabase, QueueBackend, RallyConfig } from '#rally/core';
import { createQueueBackend, resolveDatabase, resolveSecretKey } from '#rally/core';
import { migrateRallyDatabase, rallyDataSourceOptions } from './rally-schema.js';

/** What an api or worker process needs before Nest starts: a migrated database, a queue backend, its secret key. */
export interface RallyRuntime {
  database: EmbeddedDatabase;
  dataSource: DataSourceOptions;
  queue: QueueBackend;
  migrationsApplied: string[];
}

export async function prepareRuntime(config: RallyConfig): Promise<RallyRuntime> {
  config.secretKey = resolveSecretKey(config.secretKey, config.dataDir);
  const database = await resolveDatabase(config);
  const migrationsApplied = await migrateRallyDatabase(database.url);
  return {
    database,
    dataSource: await rallyDataSourceOptions(database.url, config.database.poolSize),
    queue: createQueueBackend(config.queue.redisUrl, database.url, config.queue.prefix),
    migrationsApplied,
  };
}
