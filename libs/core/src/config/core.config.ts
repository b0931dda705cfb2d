import { ConfigProblem, parseBoolean, parseEnum, parseInteger, parseUrl } from './config.parsers.js';
import type { ConfigValues } from './config-variable.js';
import { optional, text, variable } from './config-variable.js';

const urlOf =
  (...protocols: string[]) =>
  (raw: string) =>
    parseUrl(raw, protocols);

/** The variables of the platform itself; every feature library adds its own section (see defineConfigSection). */
export const CORE_VARIABLES = {
  NODE_ENV: variable({
    description: 'production, development or test',
    defaultValue: 'development',
    parse: (r) => parseEnum(r, ['production', 'development', 'test'] as const),
  }),
  HOST: variable({ description: 'Address the api listens on', defaultValue: '127.0.0.1', parse: text }),
  PORT: variable({
    description: 'Port the api listens on',
    defaultValue: '3000',
    parse: (r) => parseInteger(r, 0, 65535),
  }),
  PUBLIC_URL: optional({
    description: 'Public base URL used in links in emails and pages (defaults to http://localhost:PORT)',
    parse: urlOf('http:', 'https:'),
  }),
  DATABASE_URL: optional({
    description: 'PostgreSQL connection URL. Unset: Rally starts an embedded PostgreSQL with its data under DATA_DIR',
    parse: urlOf('postgres:', 'postgresql:'),
  }),
  DATABASE_STATEMENT_TIMEOUT_MS: variable({
    description:
      'Longest one api database statement may run before PostgreSQL cancels it (0: no limit; the worker has none)',
    defaultValue: '30000',
    parse: (r) => parseInteger(r, 0, 3_600_000),
  }),
  DATABASE_POOL_SIZE: variable({
    description: 'Connections per process in the database pool',
    defaultValue: '10',
    parse: (r) => parseInteger(r, 1, 200),
  }),
  REDIS_URL: optional({
    description: 'Redis URL for the job queues. Unset: queues run on PostgreSQL (BullMQ PostgreSQL backend)',
    parse: urlOf('redis:', 'rediss:'),
  }),
  SECRET_KEY: optional({
    description:
      'Secret (32+ characters, the same in every api and worker) from which Rally derives its signing keys. Unset: generated once under DATA_DIR; required when NODE_ENV=production',
    parse: (r) => {
      if (r.length < 32) throw new ConfigProblem(`must be at least 32 characters, got ${r.length}`);
      return r;
    },
  }),
  DATA_DIR: variable({
    description: 'Directory for local state (embedded database, generated secret key)',
    defaultValue: 'var',
    parse: text,
  }),
  EMBEDDED_DATABASE_PORT: variable({
    description: 'Port of the embedded PostgreSQL (loopback only)',
    defaultValue: '54329',
    parse: (r) => parseInteger(r, 1024, 65535),
  }),
  QUEUE_PREFIX: variable({
    description: 'Key prefix of Rally queues in Redis (lets several installations or test runs share one Redis)',
    defaultValue: 'rally',
    parse: text,
  }),
  WORKER_CONCURRENCY: variable({
    description: 'Jobs processed at once per queue in one worker process',
    defaultValue: '20',
    parse: (r) => parseInteger(r, 1, 500),
  }),
  QUEUE_SCHEDULE_REFRESH_SECONDS: variable({
    description: 'How often each worker re-registers periodic jobs (restores them if the queue store was emptied)',
    defaultValue: '60',
    parse: (r) => parseInteger(r, 1, 3600),
  }),
  LOG_LEVEL: variable({
    description: 'fatal, error, warn, info, debug or silent',
    defaultValue: 'info',
    parse: (r) => parseEnum(r, ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const),
  }),
  TRUST_PROXY: variable({
    description: 'Trust X-Forwarded-* headers (behind a load balancer)',
    defaultValue: 'false',
    parse: parseBoolean,
  }),
  RATE_LIMIT_MULTIPLIER: variable({
    description: 'Multiplies every public rate limit (benchmarks and load tests raise it)',
    defaultValue: '1',
    parse: (r) => parseInteger(r, 1, 1_000_000),
  }),
};

/** The platform's settings, parsed once at boot. Feature settings live in their sections (RallyConfig.section). */
export interface CoreConfig {
  env: 'production' | 'development' | 'test';
  http: { host: string; port: number; publicUrl: string; trustProxy: boolean };
  database: { url?: string; poolSize: number; statementTimeoutMs: number; embeddedPort: number };
  queue: { redisUrl?: string; prefix: string; concurrency: number; scheduleRefreshSeconds: number };
  dataDir: string;
  /** SECRET_KEY, or (set by prepareRuntime) the key generated under DATA_DIR. */
  secretKey?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** Multiplies every public rate limit. */
  rateLimitMultiplier: number;
}

export function buildCoreConfig(v: ConfigValues<typeof CORE_VARIABLES>, problems: string[]): CoreConfig {
  // Every api and worker process must sign and verify with one key; a key generated per machine would not be shared.
  if (v.NODE_ENV === 'production' && !v.SECRET_KEY)
    problems.push('SECRET_KEY must be set when NODE_ENV=production (the same value in every process)');
  return {
    env: v.NODE_ENV,
    http: {
      host: v.HOST,
      port: v.PORT,
      publicUrl: (v.PUBLIC_URL ?? `http://localhost:${v.PORT}`).replace(/\/$/, ''),
      trustProxy: v.TRUST_PROXY,
    },
    database: {
      url: v.DATABASE_URL,
      poolSize: v.DATABASE_POOL_SIZE,
      statementTimeoutMs: v.DATABASE_STATEMENT_TIMEOUT_MS,
      embeddedPort: v.EMBEDDED_DATABASE_PORT,
    },
    queue: {
      redisUrl: v.REDIS_URL,
      prefix: v.QUEUE_PREFIX,
      concurrency: v.WORKER_CONCURRENCY,
      scheduleRefreshSeconds: v.QUEUE_SCHEDULE_REFRESH_SECONDS,
    },
    dataDir: v.DATA_DIR,
    secretKey: v.SECRET_KEY,
    logLevel: v.LOG_LEVEL,
    rateLimitMultiplier: v.RATE_LIMIT_MULTIPLIER,
  };
}
