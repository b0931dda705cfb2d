import { writeFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { rallyDataSourceOptions } from './rally-schema.js';

const escape = (sql: string): string => sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');

/**
 * Compares the entities with a migrated database and writes the difference as a new migration file (up and down),
 * like TypeORM's CLI but without needing a TypeScript loader at runtime.
 */
export async function generateMigration(url: string, name: string, dir: URL): Promise<string | null> {
  const ds = new DataSource(await rallyDataSourceOptions(url, 2));
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    const sql = await ds.driver.createSchemaBuilder().log();
    if (sql.upQueries.length === 0) return null;
    const timestamp = Date.now();
    const className = `${name.replace(/(^|[-_\s])(\w)/g, (_, __, c: string) => c.toUpperCase())}${timestamp}`;
    const up = sql.upQueries.map((q) => `    await queryRunner.query(\`${escape(q.query)}\`);`).join('\n');
    const down = [...sql.downQueries]
      .reverse()
      .map((q) => `    await queryRunner.query(\`${escape(q.query)}\`);`)
      .join('\n');
    const file = new URL(`${timestamp}-${name}.ts`, dir);
    writeFileSync(
      file,
      `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${className} implements MigrationInterface {\n  name = '${className}';\n\n  public async up(queryRunner: QueryRunner): Promise<void> {\n${up}\n  }\n\n  public async down(queryRunner: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`,
    );
    return file.pathname;
  } finally {
    await ds.destroy();
  }
}
