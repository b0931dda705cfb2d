import type { DataSourceOptions, MixedList } from 'typeorm';
import { QueryErrorLogger } from './query-error.logger.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity/migration classes
type EntityList = MixedList<string | Function>;

/** The one set of TypeORM options every Rally process uses: migrations only, never synchronize. */
export function dataSourceOptions(url: string, poolSize: number, entities: EntityList, migrations: EntityList): DataSourceOptions {
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
