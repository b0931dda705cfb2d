import type { ConfigKey } from './config.schema.js';
import { CONFIG_VARIABLES, ConfigProblem } from './config.schema.js';

/** Rally's whole configuration, parsed and validated once at boot. */
export interface RallyConfig {
  env: 'production' | 'development' | 'test';
  http: { host: string; port: number; publicUrl: string; trustProxy: boolean };
  database: { url?: string; poolSize: number; statementTimeoutMs: number; embeddedPort: number };
  queue: { redisUrl?: string; prefix: string; concurrency: number; scheduleRefreshSeconds: number };
  mail: {
    smtpUrl?: string;
    smtpPoolSize: number;
    from: string;
    capture: boolean;
    reconcileSeconds: number;
    sendLeaseSeconds: number;
  };
  dataDir: string;
  /** SECRET_KEY, or (set by prepareRuntime) the key generated under DATA_DIR. */
  secretKey?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  demoSeed: boolean;
  petitions: PetitionsConfig;
  auth: {
    sessionIdleMinutes: number;
    sessionAbsoluteHours: number;
    loginMaxFailures: number;
    loginLockoutMinutes: number;
  };
}

/** Public signing: abuse limits (per api process, scaled by RATE_LIMIT_MULTIPLIER), group commit, counts, mail. */
export interface PetitionsConfig {
  rateLimit: { ipPerMinute: number; ipPerHour: number; petitionPerSecond: number };
  minFillSeconds: number;
  writeConcurrency: number;
  countFlushMs: number;
  countCacheMs: number;
  countReconcileSeconds: number;
  signatureMailPollMs: number;
  reminderSeconds: number;
  closeCheckSeconds: number;
}

export class ConfigInvalidError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Rally cannot start: the configuration is invalid.\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee the Configuration table in README.md.`,
    );
  }
}

/** Parses an environment map (process.env in production, a literal in tests) into RallyConfig or throws listing every problem. */
export function parseConfig(env: Record<string, string | undefined>): RallyConfig {
  const problems: string[] = [];
  const values: Partial<Record<ConfigKey, unknown>> = {};
  for (const [key, spec] of Object.entries(CONFIG_VARIABLES) as [ConfigKey, (typeof CONFIG_VARIABLES)[ConfigKey]][]) {
    const raw = env[key] === undefined || env[key] === '' ? spec.defaultValue : env[key];
    if (raw === undefined) continue;
    try {
      values[key] = spec.parse(raw);
    } catch (error) {
      if (!(error instanceof ConfigProblem)) throw error;
      problems.push(`${key} ${error.message}`);
    }
  }
  const v = values as Record<ConfigKey, never>;
  if (v.NODE_ENV === 'production') {
    // Captured mail is readable at /dev/mailbox (password-reset and invitation links included): never in production.
    if (!v.SMTP_URL)
      problems.push(
        'SMTP_URL must be set when NODE_ENV=production: without a relay mail would only be captured locally',
      );
    // Every api and worker process must sign and verify with one key; a key generated per machine would not be shared.
    if (!v.SECRET_KEY)
      problems.push('SECRET_KEY must be set when NODE_ENV=production (the same value in every process)');
  }
  if (problems.length > 0) throw new ConfigInvalidError(problems);
  const port = v.PORT as number;
  const smtpUrl = v.SMTP_URL as string | undefined;
  return {
    env: v.NODE_ENV,
    http: {
      host: v.HOST,
      port,
      publicUrl: ((v.PUBLIC_URL as string | undefined) ?? `http://localhost:${port}`).replace(/\/$/, ''),
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
    mail: {
      smtpUrl,
      smtpPoolSize: v.SMTP_POOL_SIZE,
      from: v.MAIL_FROM,
      capture: !smtpUrl,
      reconcileSeconds: v.MAIL_RECONCILE_SECONDS,
      sendLeaseSeconds: v.MAIL_SEND_LEASE_SECONDS,
    },
    dataDir: v.DATA_DIR,
    secretKey: v.SECRET_KEY,
    logLevel: v.LOG_LEVEL,
    demoSeed: v.DEMO_SEED,
    petitions: {
      rateLimit: {
        ipPerMinute: v.SIGN_RATE_IP_PER_MINUTE * v.RATE_LIMIT_MULTIPLIER,
        ipPerHour: v.SIGN_RATE_IP_PER_HOUR * v.RATE_LIMIT_MULTIPLIER,
        petitionPerSecond: v.SIGN_RATE_PETITION_PER_SECOND * v.RATE_LIMIT_MULTIPLIER,
      },
      minFillSeconds: v.SIGN_MIN_FILL_SECONDS,
      writeConcurrency: v.SIGN_WRITE_CONCURRENCY,
      countFlushMs: v.PETITION_COUNT_FLUSH_MS,
      countCacheMs: v.PETITION_COUNT_CACHE_MS,
      countReconcileSeconds: v.PETITION_COUNT_RECONCILE_SECONDS,
      signatureMailPollMs: v.SIGNATURE_MAIL_POLL_MS,
      reminderSeconds: v.SIGNATURE_REMINDER_SECONDS,
      closeCheckSeconds: v.PETITION_CLOSE_CHECK_SECONDS,
    },
    auth: {
      sessionIdleMinutes: v.SESSION_IDLE_MINUTES,
      sessionAbsoluteHours: v.SESSION_ABSOLUTE_HOURS,
      loginMaxFailures: v.LOGIN_MAX_FAILURES,
      loginLockoutMinutes: v.LOGIN_LOCKOUT_MINUTES,
    },
  };
}
