import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { INestApplicationContext } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { NestFactory } from '@nestjs/core';
import type { AnyJobRef, Clock, ConfigSection, RallyConfig } from '#rally/core';
import { createHttpApp, JsonLogger, parseConfig, WorkerHost } from '#rally/core';
import type { SmtpSink, TestDatabase } from '#rally-testing/core';
import { createTestDatabase, startSmtpSink, TEST_ENV, TEST_SECRET_KEY } from '#rally-testing/core';
import type { RallyRuntime } from '#rally/schema';
import { prepareRuntime, RALLY_CONFIG_SECTIONS } from '#rally/schema';
import { INBOUND_CONFIG, InboundSmtpServer } from '#rally/inbound';
import { ApiModule } from '../../apps/api/src/api.module.js';
import { InboundAppModule } from '../../apps/inbound/src/inbound-app.module.js';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';

export interface HarnessOptions {
  /** Queues on this machine's Redis (default when one answers) or on PostgreSQL like the embedded default. */
  queue?: 'redis' | 'postgres';
  /** Real SMTP sink on loopback (default) or capture mode (mail stored for /dev/mailbox). */
  mail?: 'smtp' | 'capture';
  worker?: boolean;
  /** Rally's inbound SMTP server (apps/inbound) in this process, on a free loopback port: `rally.inbound`. */
  inbound?: boolean;
  /** Delay per message in the SMTP sink, to keep a batch in flight long enough to interrupt it. */
  smtpDelayMs?: number;
  env?: Record<string, string>;
  /** The built console the api serves under /console/ (default: dist/console, which `npm run build` writes). */
  consoleDir?: string;
  /** The time api and worker read for schedules, throttles and windows (default: the system clock). */
  clock?: Clock;
}

const BUILT_CONSOLE = fileURLToPath(new URL('../../dist/console/', import.meta.url));

export interface RallyHarness {
  baseUrl: string;
  config: RallyConfig;
  db: TestDatabase;
  smtp?: SmtpSink;
  api: NestFastifyApplication;
  worker?: INestApplicationContext;
  /** The inbound SMTP server's process context and where it listens (also written into the config the api reads). */
  inbound?: { app: INestApplicationContext; host: string; port: number };
  runtime: RallyRuntime;
  close(): Promise<void>;
}

/** Redis when the run has one (test/support/test-services.mjs), else PostgreSQL; asking for Redis without one fails. */
export function queueBackendOf(options: HarnessOptions = {}): 'redis' | 'postgres' {
  const backend = options.queue ?? (TEST_ENV.redisUrl ? 'redis' : 'postgres');
  if (backend === 'redis' && !TEST_ENV.redisUrl)
    throw new Error('This test asked for Redis queues, but no Redis answered');
  return backend;
}

/** A whole Rally (api on a random port + worker) in this test process, on its own database and queue prefix. */
export async function startRally(options: HarnessOptions = {}): Promise<RallyHarness> {
  const db = await createTestDatabase();
  const smtp = (options.mail ?? 'smtp') === 'smtp' ? await startSmtpSink({ delayMs: options.smtpDelayMs }) : undefined;
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'warn',
    DATABASE_URL: db.url,
    QUEUE_PREFIX: `rally-test-${randomBytes(4).toString('hex')}`,
    MAIL_RECONCILE_SECONDS: '2',
    DEMO_SEED: 'false',
    INBOUND_SMTP_PORT: '0',
    SECRET_KEY: TEST_SECRET_KEY,
    ...(queueBackendOf(options) === 'redis' ? { REDIS_URL: TEST_ENV.redisUrl as string } : {}),
    ...(smtp ? { SMTP_URL: smtp.url } : {}),
    ...options.env,
  };
  const config = parseConfig(env, RALLY_CONFIG_SECTIONS);
  let api: NestFastifyApplication | undefined;
  let worker: INestApplicationContext | undefined;
  let inbound: RallyHarness['inbound'];
  try {
    const runtime = await prepareRuntime(config);
    api = await createHttpApp(
      ApiModule.forRoot(config, runtime, {
        console: { directory: options.consoleDir ?? BUILT_CONSOLE },
        clock: options.clock,
      }),
      config,
    );
    await api.listen({ port: 0, host: '127.0.0.1' });
    const port = (api.getHttpServer().address() as AddressInfo).port;
    const baseUrl = `http://127.0.0.1:${port}`;
    // Links in mail must point at this test server.
    config.http.publicUrl = baseUrl;
    if (options.worker !== false) worker = await startWorkerContext(config, options.clock);
    if (options.inbound) {
      inbound = await startInboundContext(config, options.clock);
      // The api's "reply to this letter" must reach this server's real port.
      config.section(INBOUND_CONFIG).smtp.port = inbound.port;
    }
    return harness(baseUrl, config, db, smtp, api, worker, runtime, inbound);
  } catch (error) {
    await inbound?.app.close().catch(() => undefined);
    await worker?.close().catch(() => undefined);
    await api?.close().catch(() => undefined);
    await smtp?.close();
    await db.drop();
    throw error;
  }
}

/** A worker like the harness's own, on the same database and queues: tests of "several workers" start more. */
export async function startWorkerContext(config: RallyConfig, clock?: Clock): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(WorkerModule.forRoot(config, await prepareRuntime(config), { clock }), {
    logger: JsonLogger.create('warn', 'worker'),
  });
}

/** An inbound SMTP process's context on the harness's database and queues, on a free loopback port of its own. */
export async function startInboundContext(
  config: RallyConfig,
  clock?: Clock,
  logDestination?: DestinationStream,
): Promise<{ app: INestApplicationContext; host: string; port: number }> {
  const inbound = config.section(INBOUND_CONFIG);
  const own: RallyConfig = {
    ...config,
    section: <T>(section: ConfigSection<T>): T =>
      (section === INBOUND_CONFIG
        ? { ...inbound, smtp: { ...inbound.smtp, host: '127.0.0.1', port: 0 } }
        : config.section(section)) as T,
  };
  const app = await NestFactory.createApplicationContext(
    InboundAppModule.forRoot(own, await prepareRuntime(own), { clock }),
    // With a destination (a test reading the log lines): every line from info up.
    { logger: JsonLogger.create(logDestination ? 'info' : 'warn', 'inbound', logDestination) },
  );
  return { app, ...app.get(InboundSmtpServer).address() };
}

function harness(
  baseUrl: string,
  config: RallyConfig,
  db: TestDatabase,
  smtp: SmtpSink | undefined,
  api: NestFastifyApplication,
  worker: INestApplicationContext | undefined,
  runtime: RallyRuntime,
  inbound?: RallyHarness['inbound'],
): RallyHarness {
  return {
    baseUrl,
    config,
    db,
    smtp,
    api,
    worker,
    inbound,
    runtime,
    async close() {
      await inbound?.app.close();
      await worker?.close();
      await api.close();
      await smtp?.close();
      await db.drop();
    },
  };
}

/**
 * Resolves once the harness's worker has finished `count` more runs of `job` (counted from this call): the
 * deterministic "and then the job ran again" that tests wait on instead of sleeping.
 */
export function jobRuns(rally: RallyHarness, job: AnyJobRef, count: number, timeoutMs = 20_000): Promise<void> {
  if (!rally.worker) throw new Error('jobRuns needs the harness worker');
  return jobRunsOn([rally.worker], job, count, timeoutMs);
}

/** The same across several workers: `count` more runs of `job`, whichever worker ran them. */
export function jobRunsOn(
  workers: INestApplicationContext[],
  job: AnyJobRef,
  count: number,
  timeoutMs = 20_000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = 0;
    const stop = (): void => stops.forEach((s) => s());
    const timer = setTimeout(
      () => (stop(), reject(new Error(`${job.name} ran ${seen} of ${count} times in ${timeoutMs} ms`))),
      timeoutMs,
    );
    const stops = workers.map((w) =>
      w.get(WorkerHost).onCompleted((name) => {
        if (name !== job.name || ++seen < count) return;
        clearTimeout(timer);
        stop();
        resolve();
      }),
    );
  });
}
