import { DataSource } from 'typeorm';
import { resolveDatabase } from '#rally/core';
import { generateMigration, migrateRallyDatabase, rallyDataSourceOptions } from '#rally/schema';
import type { CliCommand } from './commands.js';

const SOURCE_MIGRATIONS = new URL(`file://${process.cwd()}/libs/schema/src/migrations/`);

export const migrationCommands: Record<string, CliCommand> = {
  'migration:run': {
    summary: 'Apply pending migrations',
    async run(config) {
      const db = await resolveDatabase(config);
      const applied = await migrateRallyDatabase(db.url);
      process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Database is up to date.\n');
      await db.stop();
      return 0;
    },
  },
  'migration:revert': {
    summary: 'Revert the most recent migration',
    async run(config) {
      const db = await resolveDatabase(config);
      const ds = new DataSource(await rallyDataSourceOptions(db.url, 2));
      await ds.initialize();
      await ds.undoLastMigration({ transaction: 'each' });
      await ds.destroy();
      await db.stop();
      process.stdout.write('Reverted the last migration.\n');
      return 0;
    },
  },
  'migration:generate': {
    summary: 'Write a migration for entity changes: migration:generate <name>',
    async run(config, [name]) {
      if (!name || !/^[a-z][a-z0-9-]*$/.test(name))
        throw new Error('Give the migration a kebab-case name: npm run migration:generate -- add-petitions');
      const db = await resolveDatabase(config);
      const file = await generateMigration(db.url, name, SOURCE_MIGRATIONS);
      process.stdout.write(file ? `Wrote ${file}\n` : 'No schema changes.\n');
      await db.stop();
      return 0;
    },
  },
};
