import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { createQueueBackend } from '#rally/core';
import { MailJob } from '#rally/mail';
import { TEST_ENV } from '#rally-testing/core';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import { cleanEnv, runBuilt, waitUntil, type RunningProcess } from '../support/processes.js';
import { deliveriesByRecipient, outboxStatusCounts, queueTestMails } from '../support/mail-helpers.js';

const CONCURRENCY = 5;
const POOL = 5;

/** The compiled worker as a real OS process, so it can be killed like a crashed production worker. */
function startWorker(rally: RallyHarness): RunningProcess {
  return runBuilt(
    'apps/worker/src/main.js',
    [],
    cleanEnv({
      DATABASE_URL: rally.db.url,
      ...(TEST_ENV.redisUrl ? { REDIS_URL: TEST_ENV.redisUrl } : {}),
      QUEUE_PREFIX: rally.config.queue.prefix,
      SMTP_URL: rally.smtp!.url,
      PUBLIC_URL: rally.baseUrl,
      WORKER_CONCURRENCY: String(CONCURRENCY),
      SMTP_POOL_SIZE: String(POOL),
      MAIL_SEND_LEASE_SECONDS: '2',
      MAIL_RECONCILE_SECONDS: '1',
    }),
  );
}

describe('worker process crash and shutdown', () => {
  let rally: RallyHarness;
  let db: DataSource;
  const workers: RunningProcess[] = [];
  beforeEach(async () => {
    rally = await startRally({ worker: false, smtpDelayMs: 20 });
    db = rally.api.get<DataSource>(getDataSourceToken());
  });
  afterEach(async () => {
    for (const w of workers.splice(0))
      if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await rally.close();
  });

  it('SIGKILL mid-batch, restart: every message delivered, duplicates only among those in flight', async () => {
    const total = 150;
    await queueTestMails(rally, total);
    const first = startWorker(rally);
    workers.push(first);
    await rally.smtp!.waitFor(30, undefined, 30_000);
    first.child.kill('SIGKILL');
    await first.exited;
    const deliveredAtKill = deliveriesByRecipient(rally.smtp!.messages).size;
    expect(deliveredAtKill).toBeLessThan(total); // the kill really interrupted the batch

    const second = startWorker(rally);
    workers.push(second);
    await waitUntil(() => deliveriesByRecipient(rally.smtp!.messages).size === total, 30_000, 200).catch(async (e) => {
      console.log(
        await outboxStatusCounts(db),
        deliveriesByRecipient(rally.smtp!.messages).size,
        second.output().slice(-3000),
      );
      throw e;
    });
    await waitUntil(async () => (await outboxStatusCounts(db)).sent === total, 10_000);
    // Sent twice at most: what was on the wire (one per pooled connection) and the marks gathered or being written.
    expect(rally.smtp!.messages.length - total).toBeLessThanOrEqual(2 * POOL);
  });

  it('a job a dead worker still holds is sent without waiting for the queue to notice the stalled lock', async () => {
    await queueTestMails(rally, 1);
    // A worker that takes the job and never finishes it, then vanishes without releasing it: the queue keeps the job
    // active until its 60 s lock expires, far beyond this test's wait.
    const backend = createQueueBackend(TEST_ENV.redisUrl, rally.db.url, rally.config.queue.prefix);
    let taken!: () => void;
    const took = new Promise<void>((resolve) => (taken = resolve));
    const holder = backend.createWorker(
      MailJob.Send.queue,
      () => {
        taken();
        return new Promise<never>(() => undefined);
      },
      { lockDuration: 60_000, concurrency: 1 },
    );
    await took;
    await holder.close(true);
    await backend.close();

    workers.push(startWorker(rally));
    await rally.smtp!.waitFor(1, undefined, 30_000); // half the lock: the queue alone would not have moved yet
    await waitUntil(async () => (await outboxStatusCounts(db)).sent === 1, 10_000);
  });

  it('SIGTERM: finishes the jobs in flight, leaves nothing half-sent, exits 0', async () => {
    await queueTestMails(rally, 100);
    const worker = startWorker(rally);
    workers.push(worker);
    await rally.smtp!.waitFor(20, undefined, 30_000);
    worker.child.kill('SIGTERM');
    const { code } = await worker.exited;
    expect(code).toBe(0);
    const counts = await outboxStatusCounts(db);
    expect(counts.sending ?? 0).toBe(0);
    expect(counts.sent).toBe(deliveriesByRecipient(rally.smtp!.messages).size);
  });

  it('refuses to boot with an invalid configuration, naming every bad variable', async () => {
    const proc = runBuilt(
      'apps/worker/src/main.js',
      [],
      cleanEnv({ WORKER_CONCURRENCY: 'lots', SMTP_URL: 'http://mail', DATABASE_URL: rally.db.url }),
    );
    const { code } = await proc.exited;
    expect(code).toBe(78);
    expect(proc.output()).toContain('Rally cannot start: the configuration is invalid.');
    expect(proc.output()).toContain('WORKER_CONCURRENCY must be a whole number');
    expect(proc.output()).toContain('SMTP_URL must start with smtp:// or smtps://');
  });
});
