import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Role } from '#rally/access';
import { TEST_ENV } from '#rally-testing/core';
import { aMailing, aSupporter } from '#rally-testing/mailings';
import { createOrgWithMember } from '#rally-testing/organisations';
import { aPetition } from '#rally-testing/petitions';
import { deliveriesByRecipient, outboxStatusCounts } from '../support/mail-helpers.js';
import { cleanEnv, runBuilt, waitUntil, type RunningProcess } from '../support/processes.js';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import { staffApi } from '../support/staff-api.js';

const POOL = 5;

/** The compiled worker as a real OS process, so it can be killed mid-run like a crashed production worker. */
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
      WORKER_CONCURRENCY: '5',
      SMTP_POOL_SIZE: String(POOL),
      MAIL_SEND_LEASE_SECONDS: '2',
      MAIL_RECONCILE_SECONDS: '1',
      MAILING_DISPATCH_MS: '100',
      // 5 recipients a tick: the kill lands while some are handed and others still staged.
      MAILING_SEND_RATE: '50',
      MAILING_SCHEDULE_MS: '1000',
    }),
  );
}

describe('mailings: a worker killed mid-run', () => {
  let rally: RallyHarness;
  let db: DataSource;
  const workers: RunningProcess[] = [];
  beforeAll(async () => {
    rally = await startRally({ worker: false, smtpDelayMs: 20 });
    db = rally.api.get<DataSource>(getDataSourceToken());
  });
  afterAll(async () => {
    for (const w of workers.splice(0))
      if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await rally.close();
  });

  it('resumes after SIGKILL: every recipient gets the mailing, duplicates only among those in flight', async () => {
    const total = 200;
    const admin = await createOrgWithMember(rally, { role: Role.Admin });
    const petition = await aPetition(rally, admin);
    for (let i = 0; i < total; i += 1)
      await aSupporter(rally, admin.organisation.id, { email: `crash-${i}@example.org`, petitionId: petition.id });
    const mailing = await aMailing(rally, admin, { audience: { kind: 'petition-signers', petitionId: petition.id } });
    // "Send now" stages the run in the api; the worker does the rest.
    const res = await staffApi(rally, admin)('POST', `/mailings/${mailing.id}/schedule`, {
      kind: 'once',
      at: new Date().toISOString(),
    });
    expect(res.status).toBe(200);

    const first = startWorker(rally);
    workers.push(first);
    await rally.smtp!.waitFor(40, undefined, 30_000);
    first.child.kill('SIGKILL');
    await first.exited;
    const deliveredAtKill = deliveriesByRecipient(rally.smtp!.messages).size;
    expect(deliveredAtKill).toBeLessThan(total);
    const [{ staged }] = (await db.query(
      `SELECT count(*)::int AS staged FROM mailing_recipients WHERE status = 'staged'`,
    )) as { staged: number }[];
    expect(staged).toBeGreaterThan(0); // killed mid-run, not only mid-send

    const second = startWorker(rally);
    workers.push(second);
    await waitUntil(() => deliveriesByRecipient(rally.smtp!.messages).size === total, 60_000, 200).catch(async (e) => {
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
    // Each recipient was handed once: one outbox row each.
    const [{ rows }] = (await db.query(
      `SELECT count(*)::int AS rows FROM mail_outbox WHERE idempotency_key LIKE 'mailing:%'`,
    )) as { rows: number }[];
    expect(rows).toBe(total);
  });
});
