import type { DataSource } from 'typeorm';

/** Arbitrary constant; every Rally process takes this advisory lock before migrating so api and worker never race. */
export const MIGRATION_LOCK_KEY = 7_240_613_001;

/** Applies pending migrations under a session advisory lock; late starters wait, then find nothing to do. */
export async function runMigrationsLocked(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}
