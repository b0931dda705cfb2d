import type { DataSourceOptions, MixedList } from 'typeorm';
import { QueryErrorLogger } from './query-error.logger.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity/migration classes
type EntityList = MixedList<string | Function>;

/** The one set of TypeORM options every Rally process uses: migrations only, never synchronize. */
export function dataSourceOptions(
  url: string,
  poolSize: number,
  entities: EntityList,
  migrations: EntityList,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+, so no extension needs installing.
    uuidExtension: 'pgcrypto',
    migrationsRun: false,
    migrationsTableName: 'schema_migrations',
    namingStrategy: new SnakeNamingStrategy(),
    extra: { max: poolSize, connectionTimeoutMillis: 10_000 },
    logging: ['error', 'warn'],
    logger: new QueryErrorLogger(),
  };
}

/**
 * The api's guard against a statement that never ends (a row lock held elsewhere, a stalled connection): PostgreSQL
 * cancels it after `ms` (error 57014) and the request fails instead of holding a pooled connection forever. Set per
 * connection, so it costs no round trip. The worker does not use it: its recounts may rightly run long.
 */
export function withStatementTimeout(options: DataSourceOptions, ms: number): DataSourceOptions {
  if (ms <= 0) return options;
  return {
    ...options,
    extra: { ...(options.extra as Record<string, unknown>), statement_timeout: ms },
  } as DataSourceOptions;
}

/** PostgreSQL's "query_canceled": a statement stopped by statement_timeout (or an operator). */
export const QUERY_CANCELED = '57014';
