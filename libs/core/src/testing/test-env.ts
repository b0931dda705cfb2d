/**
 * Where tests find this machine's services: decided once per run by test/support/test-services.mjs (jest's global
 * setup), which probes them and falls back (embedded PostgreSQL, PostgreSQL-backed queues) outside CI.
 * The test-side twin of load-config.
 */
export const TEST_ENV = {
  postgresAdminUrl: process.env.TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
  /** Undefined when no Redis answered: queues then run on PostgreSQL, and Redis-only tests do not run. */
  redisUrl: process.env.TEST_REDIS_URL === '' ? undefined : (process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'),
  /** Undefined when no Chromium was found: browser tests do not run. */
  chromiumPath: process.env.CHROMIUM_PATH === '' ? undefined : (process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'),
};

/** Why a test that needs Redis did not run, for its title (the summary repeats how to start Redis). */
export const NEEDS_REDIS = TEST_ENV.redisUrl ? '' : ' [not run: no Redis answered, see the summary]';

/** The SECRET_KEY every test process runs with, so test helpers can sign what a page would hand out. */
export const TEST_SECRET_KEY = 'rally-test-secret-key-not-for-production-use';
