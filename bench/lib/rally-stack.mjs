import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { freePort, startRallyProcess, waitForHttp, waitUntilQuiet } from './processes.mjs';

const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh database, an SMTP sink counting messages, and Rally's api + worker as separate processes, all on loopback. */
export async function startRallyStack(extraEnv = {}, { apiNodeArgs = [] } = {}) {
  const dbName = `rally_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const databaseUrl = `postgres://postgres@127.0.0.1:5432/${dbName}`;

  let mailCount = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _s, cb) {
      stream.resume();
      stream.on('end', () => {
        mailCount += 1;
        cb();
      });
    },
  });
  const smtpPort = await freePort();
  await new Promise((r) => smtp.listen(smtpPort, '127.0.0.1', r));

  const port = await freePort();
  const env = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: databaseUrl,
    REDIS_URL: 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `rally-bench-${randomBytes(3).toString('hex')}`,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    DEMO_SEED: 'false',
    SECRET_KEY: randomBytes(32).toString('base64url'),
    ...extraEnv,
  };
  const api = startRallyProcess('api', env, apiNodeArgs);
  await waitForHttp(`${env.PUBLIC_URL}/health/ready`).catch((e) => {
    throw new Error(`${e.message}\n${api.output()}`);
  });
  const worker = startRallyProcess('worker', env);
  // The worker's boot (loading modules, registering schedulers) would otherwise take CPU from the first scenario.
  await waitUntilQuiet(worker.child.pid);
  return {
    base: env.PUBLIC_URL,
    env,
    databaseUrl,
    api,
    worker,
    mailCount: () => mailCount,
    async query(sql, params) {
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      try {
        return (await c.query(sql, params)).rows;
      } finally {
        await c.end();
      }
    },
    async stop() {
      await Promise.all([api.stop(), worker.stop()]);
      await new Promise((r) => smtp.close(r));
      const a = new pg.Client({ connectionString: ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await a.end();
    },
  };
}
