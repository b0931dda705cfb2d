import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RallyConfig } from '#rally/core';
import { INBOUND_CONFIG } from '#rally/inbound';
import { LETTERS_CONFIG } from '#rally/letters';
import { mailStartupLine } from '#rally/mail';
import { migrateRallyDatabase } from '#rally/schema';
import { PROCESS_NODE_ARGS, resolveDatabase, resolveSecretKey } from '#rally/core';
import type { CliCommand } from './commands.js';
import { FIRST_RUN_HOOKS } from './first-run.js';

const APPS = ['api', 'worker', 'inbound'] as const;
const entry = (app: (typeof APPS)[number]): string =>
  fileURLToPath(new URL(`../../${app}/src/main.js`, import.meta.url));

/**
 * `npm start`: one command for a whole Rally. Starts (or connects to) the database, migrates, seeds the demo
 * organisation on first run, then runs the api, the worker and the inbound SMTP server as three processes, as in
 * production.
 */
export const startCommand: CliCommand = {
  summary: 'Run api, worker and inbound mail together (embedded database and mail capture unless configured)',
  async run(config: RallyConfig) {
    const db = await resolveDatabase(config);
    await migrateRallyDatabase(db.url);
    const lines: string[] = [];
    for (const hook of FIRST_RUN_HOOKS) lines.push(...(await hook(config, db.url)));

    // Resolved once here so the api, the worker and inbound mail sign and verify with the same key.
    const env = {
      ...process.env,
      DATABASE_URL: db.url,
      SECRET_KEY: resolveSecretKey(config.secretKey, config.dataDir),
    };
    const children: ChildProcess[] = APPS.map((app) =>
      spawn(process.execPath, [...PROCESS_NODE_ARGS[app], entry(app)], { env, stdio: 'inherit' }),
    );
    const base = config.http.publicUrl;
    process.stdout.write(
      [
        '',
        'Rally is starting.',
        // The first address: where a person starts (and signs in with the demo login printed below).
        `  Staff console:          ${base}/console`,
        `  Staff API:              ${base}/api/orgs/<slug>/...   (sign in: POST ${base}/api/auth/login)`,
        `  API docs (OpenAPI):     ${base}/api/docs`,
        `  ${mailStartupLine(config)}`,
        `  ${inboundStartupLine(config)}`,
        `  Database:               ${config.database.url ? 'DATABASE_URL' : `embedded PostgreSQL in ${config.dataDir}/postgres`}`,
        `  Queues:                 ${config.queue.redisUrl ? 'Redis (REDIS_URL)' : 'PostgreSQL (no REDIS_URL)'}`,
        ...lines,
        '',
      ].join('\n') + '\n',
    );

    let stopping = false;
    const stop = async (code: number): Promise<void> => {
      if (stopping) return;
      stopping = true;
      await Promise.all(
        children.map(
          (c) =>
            new Promise<void>((resolve) =>
              c.exitCode !== null ? resolve() : (c.once('exit', () => resolve()), c.kill('SIGTERM')),
            ),
        ),
      );
      await db.stop();
      process.exit(code);
    };
    process.on('SIGINT', () => void stop(0));
    process.on('SIGTERM', () => void stop(0));
    for (const child of children) child.once('exit', (code) => void stop(code ?? 1));
    return undefined;
  },
};

/** Where replies come in: the inbound SMTP server, with the addresses it takes. */
function inboundStartupLine(config: RallyConfig): string {
  const { host, port } = config.section(INBOUND_CONFIG).smtp;
  const domain = config.section(LETTERS_CONFIG).replyDomain;
  return `Inbound mail (SMTP):    smtp://${host.includes(':') ? `[${host}]` : host}:${port}   (replies to reply+...@${domain}; the mailbox's "Reply to this letter" sends here)`;
}
