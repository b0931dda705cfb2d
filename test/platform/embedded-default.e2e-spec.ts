import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { cleanEnv, freePort, runBuilt, waitUntil, type RunningProcess } from '../support/processes.js';

/** The first line an SMTP server sends on connect, or '' when nothing listens. */
const smtpGreeting = (port: number): Promise<string> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(2_000, () => (socket.destroy(), resolve('')));
    socket.once('error', () => resolve(''));
    socket.once('data', (d: Buffer) => (socket.end('QUIT\r\n'), resolve(d.toString())));
  });

/** `npm start` with no configuration at all: embedded PostgreSQL for data and queues, mail captured locally. */
describe('embedded default (no DATABASE_URL, REDIS_URL or SMTP_URL)', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let base: string;
  let port: number;
  let inboundPort: number;
  let rally: RunningProcess;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rally-embedded-'));
    chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as the postgres user and must reach its directory
    port = await freePort();
    inboundPort = await freePort();
    // SECRET_KEY empty: the embedded default generates its own under DATA_DIR.
    env = cleanEnv({
      SECRET_KEY: '',
      DATA_DIR: dataDir,
      PORT: String(port),
      EMBEDDED_DATABASE_PORT: String(await freePort()),
      INBOUND_SMTP_PORT: String(inboundPort),
    });
    base = `http://127.0.0.1:${port}`;
    rally = runBuilt('apps/cli/src/main.js', ['start'], env);
    await waitUntil(
      async () => (await fetch(`${base}/health/ready`).catch(() => undefined))?.status === 200,
      90_000,
      250,
    ).catch((e: Error) => {
      throw new Error(`${e.message}\n${rally.output()}`);
    });
  }, 120_000);

  afterAll(async () => {
    if (rally.child.exitCode === null) {
      rally.child.kill('SIGTERM');
      await rally.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is ready with the database and PostgreSQL-backed queues', async () => {
    const ready = (await (await fetch(`${base}/health/ready`)).json()) as Record<string, string>;
    expect(ready).toEqual({ status: 'ok', database: 'ok', queue: 'ok', queueBackend: 'postgres' });
    expect(rally.output()).toContain(`API docs (OpenAPI):     http://localhost:`);
    expect(readFileSync(join(dataDir, 'secret-key'), 'utf8').trim()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('prints the console as the first address, and the demo login with where to use it', () => {
    const printed = rally.output().slice(rally.output().indexOf('Rally is starting.'));
    const consoleUrl = `http://localhost:${port}/console`;
    expect(/https?:\/\/\S+/.exec(printed)?.[0]).toBe(consoleUrl);
    expect(printed).toMatch(/Demo admin login: +admin@demo\.rally\.localhost \/ \S+/);
    expect(printed).toContain(`(sign in at ${consoleUrl})`);
    expect(printed).toContain(`if lost: ${consoleUrl}/forgot-password`);
  });

  it('captures mail sent through the pipeline and shows it on the local mailbox page', async () => {
    const cli = runBuilt('apps/cli/src/main.js', ['send-test-mail', 'smoke@example.org'], env);
    expect((await cli.exited).code).toBe(0);
    type Listed = { to: string; subject: string; text: string }[];
    let messages: Listed = [];
    await waitUntil(
      async () => {
        messages = (await (await fetch(`${base}/dev/mailbox/messages?to=smoke@example.org`)).json()) as Listed;
        return messages.length === 1;
      },
      30_000,
      250,
    );
    expect(messages[0].subject).toBe('Rally test message');
    const page = await (await fetch(`${base}/dev/mailbox`)).text();
    expect(page).toContain('Rally test message');
    expect(page).toContain('smoke@example.org');
  });

  it('runs the inbound SMTP server on loopback and prints where', async () => {
    expect(rally.output()).toContain(`Inbound mail (SMTP):    smtp://127.0.0.1:${inboundPort}`);
    await waitUntil(async () => (await smtpGreeting(inboundPort)).startsWith('220 '), 30_000, 250);
  });

  it('stops api, worker and inbound mail on SIGTERM', async () => {
    rally.child.kill('SIGTERM');
    await rally.exited;
    await waitUntil(async () => (await fetch(`${base}/health/live`).catch(() => undefined)) === undefined, 15_000, 200);
    await waitUntil(async () => (await smtpGreeting(inboundPort)) === '', 15_000, 200);
  });
});
