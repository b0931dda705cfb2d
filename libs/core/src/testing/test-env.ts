/** Where tests find this machine's real services; override for another box. The test-side twin of load-config. */
export const TEST_ENV = {
  postgresAdminUrl: process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  redisUrl: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
};

/** The SECRET_KEY every test process runs with, so test helpers can sign what a page would hand out. */
export const TEST_SECRET_KEY = 'rally-test-secret-key-not-for-production-use';
