import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '#rally-testing/core';
import { loadMigrations, migrateRallyDatabase, rallyDataSourceOptions } from './rally-schema.js';

describe('Rally schema migrations', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(() => db.drop());

  it('applies each migration once when several processes migrate at the same time', async () => {
    const results = await Promise.all([
      migrateRallyDatabase(db.url),
      migrateRallyDatabase(db.url),
      migrateRallyDatabase(db.url),
    ]);
    const migrations = await loadMigrations();
    expect(results.flat().sort()).toEqual(migrations.map((m) => (new m() as { name: string }).name).sort());
  });

  it('leaves no difference between the entities and the migrated schema', async () => {
    await migrateRallyDatabase(db.url);
    const ds = new DataSource(await rallyDataSourceOptions(db.url, 2));
    await ds.initialize();
    const pending = await ds.driver.createSchemaBuilder().log();
    await ds.destroy();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('reverts every migration down to an empty schema, then applies them again', async () => {
    await migrateRallyDatabase(db.url);
    const ds = new DataSource(await rallyDataSourceOptions(db.url, 2));
    await ds.initialize();
    const count = (await loadMigrations()).length;
    for (let i = 0; i < count; i++) await ds.undoLastMigration({ transaction: 'each' });
    const tables = (await ds.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations'`,
    )) as unknown[];
    expect(tables).toEqual([]);
    await ds.destroy();
    expect((await migrateRallyDatabase(db.url)).length).toBe(count);
  });
});
