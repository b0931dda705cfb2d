import { DataSource } from 'typeorm';
import type { TestDatabase } from '../testing/test-database.js';
import { createTestDatabase } from '../testing/test-database.js';
import { QUERY_CANCELED, dataSourceOptions, withStatementTimeout } from './data-source.options.js';

describe('database logging', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(db.url, 1, [], [])).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  /** Everything written to the console or stdout/stderr while `fn` runs. */
  async function output(fn: () => Promise<unknown>): Promise<string> {
    const lines: string[] = [];
    const keep = (...args: unknown[]): boolean => (
      lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')),
      true
    );
    const saved = {
      log: console.log,
      error: console.error,
      out: process.stdout.write.bind(process.stdout),
      err: process.stderr.write.bind(process.stderr),
    };
    console.log = console.error = keep;
    process.stdout.write = process.stderr.write = keep as typeof process.stdout.write;
    try {
      await fn();
    } finally {
      Object.assign(console, { log: saved.log, error: saved.error });
      process.stdout.write = saved.out;
      process.stderr.write = saved.err;
    }
    return lines.join('\n');
  }

  it('logs a failed query with its SQL and error but never its parameters (emails, names, secrets)', async () => {
    const logged = await output(() =>
      expect(
        dataSource.query(`SELECT $1::text AS name, $2::uuid AS id`, ['Amina Secret', 'amina.secret@example.org']),
      ).rejects.toThrow(/uuid/),
    );
    expect(logged).toContain('query failed');
    expect(logged).toContain('invalid input syntax for type uuid');
    expect(logged).not.toContain('Amina Secret');
  });
});

describe('statement timeout (the api)', () => {
  it('has PostgreSQL cancel a statement that runs past it, and leaves the connection usable', async () => {
    const db = await createTestDatabase();
    const dataSource = await new DataSource(
      withStatementTimeout(dataSourceOptions(db.url, 1, [], []), 200),
    ).initialize();
    try {
      await expect(dataSource.query(`SELECT pg_sleep(2)`)).rejects.toMatchObject({
        driverError: { code: QUERY_CANCELED },
      });
      expect(await dataSource.query(`SELECT 1 AS ok`)).toEqual([{ ok: 1 }]);
    } finally {
      await dataSource.destroy();
      await db.drop();
    }
  });

  it('is left off when set to 0', () => {
    const options = dataSourceOptions('postgres://x', 1, [], []);
    expect(withStatementTimeout(options, 0)).toBe(options);
  });
});
