import { ConfigProblem, parseBoolean, parseEnum, parseInteger, parseUrl } from './config.parsers.js';

/** One environment variable Rally reads: its meaning, default and parser. The README table is built from this list. */
export interface ConfigVariable<T> {
  name: string;
  description: string;
  defaultValue?: string;
  parse: (raw: string) => T;
}

const variable = <T>(v: ConfigVariable<T>): ConfigVariable<T> => v;
const text = (raw: string): string => raw;
const optionalUrl =
  (...protocols: string[]) =>
  (raw: string) =>
    parseUrl(raw, protocols);

export const CONFIG_VARIABLES = {
  NODE_ENV: variable({
    name: 'NODE_ENV',
    description: 'production, development or test',
    defaultValue: 'development',
    parse: (r) => parseEnum(r, ['production', 'development', 'test'] as const),
  }),
  HOST: variable({ name: 'HOST', description: 'Address the api listens on', defaultValue: '127.0.0.1', parse: text }),
  PORT: variable({
    name: 'PORT',
    description: 'Port the api listens on',
    defaultValue: '3000',
    parse: (r) => parseInteger(r, 0, 65535),
  }),
  PUBLIC_URL: variable({
    name: 'PUBLIC_URL',
    description: 'Public base URL used in links in emails and pages (defaults to http://localhost:PORT)',
    parse: optionalUrl('http:', 'https:'),
  }),
  DATABASE_URL: variable({
    name: 'DATABASE_URL',
    description: 'PostgreSQL connection URL. Unset: Rally starts an embedded PostgreSQL with its data under DATA_DIR',
    parse: optionalUrl('postgres:', 'postgresql:'),
  }),
  DATABASE_STATEMENT_TIMEOUT_MS: variable({
    name: 'DATABASE_STATEMENT_TIMEOUT_MS',
    description:
      'Longest one api database statement may run before PostgreSQL cancels it (0: no limit; the worker has none)',
    defaultValue: '30000',
    parse: (r) => parseInteger(r, 0, 3_600_000),
  }),
  DATABASE_POOL_SIZE: variable({
    name: 'DATABASE_POOL_SIZE',
    description: 'Connections per process in the database pool',
    defaultValue: '10',
    parse: (r) => parseInteger(r, 1, 200),
  }),
  REDIS_URL: variable({
    name: 'REDIS_URL',
    description: 'Redis URL for the job queues. Unset: queues run on PostgreSQL (BullMQ PostgreSQL backend)',
    parse: optionalUrl('redis:', 'rediss:'),
  }),
  SMTP_URL: variable({
    name: 'SMTP_URL',
    description:
      'SMTP relay URL (smtp://user:pass@host:port, smtps://...). Unset: mail is captured and readable at /dev/mailbox',
    parse: optionalUrl('smtp:', 'smtps:'),
  }),
  SMTP_POOL_SIZE: variable({
    name: 'SMTP_POOL_SIZE',
    description: 'Pooled SMTP connections per worker process',
    defaultValue: '5',
    parse: (r) => parseInteger(r, 1, 100),
  }),
  MAIL_FROM: variable({
    name: 'MAIL_FROM',
    description: 'Default sender for system mail',
    defaultValue: 'Rally <no-reply@rally.localhost>',
    parse: text,
  }),
  SECRET_KEY: variable({
    name: 'SECRET_KEY',
    description:
      'Secret (32+ characters, the same in every api and worker) from which Rally derives its signing keys. Unset: generated once under DATA_DIR; required when NODE_ENV=production',
    parse: (r) => {
      if (r.length < 32) throw new ConfigProblem(`must be at least 32 characters, got ${r.length}`);
      return r;
    },
  }),
  DATA_DIR: variable({
    name: 'DATA_DIR',
    description: 'Directory for local state (embedded database, generated secret key)',
    defaultValue: 'var',
    parse: text,
  }),
  EMBEDDED_DATABASE_PORT: variable({
    name: 'EMBEDDED_DATABASE_PORT',
    description: 'Port of the embedded PostgreSQL (loopback only)',
    defaultValue: '54329',
    parse: (r) => parseInteger(r, 1024, 65535),
  }),
  QUEUE_PREFIX: variable({
    name: 'QUEUE_PREFIX',
    description: 'Key prefix of Rally queues in Redis (lets several installations or test runs share one Redis)',
    defaultValue: 'rally',
    parse: text,
  }),
  WORKER_CONCURRENCY: variable({
    name: 'WORKER_CONCURRENCY',
    description: 'Jobs processed at once per queue in one worker process',
    defaultValue: '20',
    parse: (r) => parseInteger(r, 1, 500),
  }),
  MAIL_RECONCILE_SECONDS: variable({
    name: 'MAIL_RECONCILE_SECONDS',
    description: 'How often the worker re-enqueues mail left pending (lost queue, crashed worker)',
    defaultValue: '30',
    parse: (r) => parseInteger(r, 1, 3600),
  }),
  MAIL_SEND_LEASE_SECONDS: variable({
    name: 'MAIL_SEND_LEASE_SECONDS',
    description:
      'How long a worker owns a message it is sending; after that another worker assumes it died and retries',
    defaultValue: '120',
    parse: (r) => parseInteger(r, 1, 3600),
  }),
  QUEUE_SCHEDULE_REFRESH_SECONDS: variable({
    name: 'QUEUE_SCHEDULE_REFRESH_SECONDS',
    description: 'How often each worker re-registers periodic jobs (restores them if the queue store was emptied)',
    defaultValue: '60',
    parse: (r) => parseInteger(r, 1, 3600),
  }),
  LOG_LEVEL: variable({
    name: 'LOG_LEVEL',
    description: 'fatal, error, warn, info, debug or silent',
    defaultValue: 'info',
    parse: (r) => parseEnum(r, ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const),
  }),
  TRUST_PROXY: variable({
    name: 'TRUST_PROXY',
    description: 'Trust X-Forwarded-* headers (behind a load balancer)',
    defaultValue: 'false',
    parse: parseBoolean,
  }),
  SESSION_IDLE_MINUTES: variable({
    name: 'SESSION_IDLE_MINUTES',
    description: 'A staff session ends after this many minutes without a request',
    defaultValue: '60',
    parse: (r) => parseInteger(r, 1, 10080),
  }),
  SESSION_ABSOLUTE_HOURS: variable({
    name: 'SESSION_ABSOLUTE_HOURS',
    description: 'A staff session ends this many hours after login, active or not',
    defaultValue: '12',
    parse: (r) => parseInteger(r, 1, 720),
  }),
  LOGIN_MAX_FAILURES: variable({
    name: 'LOGIN_MAX_FAILURES',
    description: 'Failed logins per account before it is locked for LOGIN_LOCKOUT_MINUTES (per IP: ten times this)',
    defaultValue: '5',
    parse: (r) => parseInteger(r, 1, 1000),
  }),
  LOGIN_LOCKOUT_MINUTES: variable({
    name: 'LOGIN_LOCKOUT_MINUTES',
    description: 'Window of the login failure counters and length of a lockout',
    defaultValue: '15',
    parse: (r) => parseInteger(r, 1, 1440),
  }),
  DEMO_SEED: variable({
    name: 'DEMO_SEED',
    description: 'Seed a demo organisation and print its admin login on first start',
    defaultValue: 'true',
    parse: parseBoolean,
  }),
  RATE_LIMIT_MULTIPLIER: variable({
    name: 'RATE_LIMIT_MULTIPLIER',
    description: 'Multiplies every public rate limit (benchmarks and load tests raise it)',
    defaultValue: '1',
    parse: (r) => parseInteger(r, 1, 1_000_000),
  }),
  SIGN_RATE_IP_PER_MINUTE: variable({
    name: 'SIGN_RATE_IP_PER_MINUTE',
    description: 'Petition signatures accepted per IP per minute (burst), per api process',
    defaultValue: '10',
    parse: (r) => parseInteger(r, 1, 1_000_000),
  }),
  SIGN_RATE_IP_PER_HOUR: variable({
    name: 'SIGN_RATE_IP_PER_HOUR',
    description: 'Petition signatures accepted per IP per hour (sustained), per api process',
    defaultValue: '60',
    parse: (r) => parseInteger(r, 1, 1_000_000),
  }),
  SIGN_RATE_PETITION_PER_SECOND: variable({
    name: 'SIGN_RATE_PETITION_PER_SECOND',
    description: 'Signatures accepted per petition per second, per api process',
    defaultValue: '500',
    parse: (r) => parseInteger(r, 1, 1_000_000),
  }),
  SIGN_MIN_FILL_SECONDS: variable({
    name: 'SIGN_MIN_FILL_SECONDS',
    description: 'A sign form submitted sooner than this after the page was served is refused as automated',
    defaultValue: '2',
    parse: (r) => parseInteger(r, 0, 600),
  }),
  SIGN_WRITE_CONCURRENCY: variable({
    name: 'SIGN_WRITE_CONCURRENCY',
    description:
      'Signature batches one api process writes at once; signatures arriving meanwhile form the next batch (group commit)',
    defaultValue: '2',
    parse: (r) => parseInteger(r, 1, 50),
  }),
  PETITION_COUNT_FLUSH_MS: variable({
    name: 'PETITION_COUNT_FLUSH_MS',
    description: 'How often the worker folds newly confirmed signatures into the petition counts',
    defaultValue: '1000',
    parse: (r) => parseInteger(r, 100, 600_000),
  }),
  PETITION_COUNT_CACHE_MS: variable({
    name: 'PETITION_COUNT_CACHE_MS',
    description: 'How often each api process refreshes its in-memory petition counts',
    defaultValue: '1000',
    parse: (r) => parseInteger(r, 100, 600_000),
  }),
  PETITION_COUNT_RECONCILE_SECONDS: variable({
    name: 'PETITION_COUNT_RECONCILE_SECONDS',
    description: 'How often petition counts are recomputed from the signature rows (repairs any drift)',
    defaultValue: '300',
    parse: (r) => parseInteger(r, 1, 86_400),
  }),
  SIGNATURE_MAIL_POLL_MS: variable({
    name: 'SIGNATURE_MAIL_POLL_MS',
    description: 'How often the worker stages confirmation, reminder and already-signed mails for new signatures',
    defaultValue: '1000',
    parse: (r) => parseInteger(r, 100, 600_000),
  }),
  SIGNATURE_REMINDER_SECONDS: variable({
    name: 'SIGNATURE_REMINDER_SECONDS',
    description: 'Delay before each of the two confirmation reminders to a pending signer',
    defaultValue: '172800',
    parse: (r) => parseInteger(r, 1, 2_592_000),
  }),
  PETITION_CLOSE_CHECK_SECONDS: variable({
    name: 'PETITION_CLOSE_CHECK_SECONDS',
    description: 'How often the worker closes petitions whose close date has passed',
    defaultValue: '60',
    parse: (r) => parseInteger(r, 1, 86_400),
  }),
} satisfies Record<string, ConfigVariable<unknown>>;

export type ConfigKey = keyof typeof CONFIG_VARIABLES;
export type ParsedEnv = { [K in ConfigKey]: ReturnType<(typeof CONFIG_VARIABLES)[K]['parse']> | undefined };
export { ConfigProblem };
