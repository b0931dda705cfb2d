import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Role } from '#rally/access';
import { LetterJob } from '#rally/letters';
import { ManualClock } from '#rally-testing/core';
import type { StaffHandle } from '#rally-testing/organisations';
import { createOrgWithMember } from '#rally-testing/organisations';
import { aLetterAction, aLetterForm } from '#rally-testing/letters';
import { aTarget } from '#rally-testing/targets';
import { jobRunsOn, startRally, startWorkerContext, type RallyHarness } from '../support/rally-harness.js';
import { waitUntil } from '../support/processes.js';
import { confirmLink, postLetterJson, pressConfirm } from './letter-helpers.js';

const HOUR = 3_600_000;

/**
 * Throttling per target address with a clock the test moves: api and both workers read it, so "an hour later" is one
 * call. Two workers dispatch at once; the caps must hold anyway.
 */
describe('letter delivery: sending window and caps per target address, across two workers', () => {
  const clock = new ManualClock('2027-03-01T09:00:00Z'); // a Monday; 10:00 in Paris
  let rally: RallyHarness;
  let second: INestApplicationContext;
  let staff: StaffHandle;
  let db: DataSource;
  beforeAll(async () => {
    rally = await startRally({
      clock,
      env: {
        LETTER_RATE_IP_PER_MINUTE: '10000',
        LETTER_RATE_IP_PER_HOUR: '10000',
        LETTER_DISPATCH_MS: '100',
        LETTER_SUPPORTER_MAIL_MS: '100000',
        QUEUE_SCHEDULE_REFRESH_SECONDS: '1',
      },
    });
    second = await startWorkerContext(rally.config, clock);
    staff = await createOrgWithMember(rally, { role: Role.Campaigner });
    db = rally.api.get<DataSource>(getDataSourceToken());
  });
  afterAll(async () => {
    await second.close();
    await rally.close();
  });

  /** Dispatch passes by either worker: waiting for some proves that nothing more was handed meanwhile. */
  const dispatchRuns = (count: number) => jobRunsOn([rally.worker!, second], LetterJob.Dispatch, count);

  async function writeLetters(slug: string, country: string, count: number): Promise<void> {
    for (let i = 0; i < count; i += 1) {
      const form = aLetterForm({ country, email: `writer${i}.${slug}@example.org` }, clock.now().getTime());
      expect((await postLetterJson(rally, slug, 'send', form)).status).toBe(202);
      const [mail] = await rally.smtp!.waitFor(1, (m) => m.to === form.email);
      expect((await pressConfirm(confirmLink(mail!))).status).toBe(303);
    }
  }

  const statuses = async (actionId: string): Promise<Record<string, number>> =>
    Object.fromEntries(
      (
        (await db.query(`SELECT status, count(*)::int AS n FROM letters WHERE action_id = $1 GROUP BY 1`, [
          actionId,
        ])) as { status: string; n: number }[]
      ).map((r) => [r.status, r.n]),
    );

  it('holds the hourly and daily caps with two dispatching workers, and spreads the rest over the next hours', async () => {
    const target = await aTarget(rally, staff, { country: 'PT', language: 'en' });
    const action = await aLetterAction(rally, staff, { routing: { mode: 'country' }, hourlyCap: 3, dailyCap: 5 });
    await writeLetters(action.slug, 'PT', 8);

    await waitUntil(async () => (await statuses(action.id)).handed === 3, 10_000);
    await dispatchRuns(6);
    expect(await statuses(action.id)).toEqual({ handed: 3, waiting: 5 });
    const waits = (await db.query(
      `SELECT DISTINCT not_before, status_reason FROM letters WHERE action_id = $1 AND status = 'waiting'`,
      [action.id],
    )) as { not_before: Date; status_reason: string }[];
    expect(waits).toEqual([{ not_before: new Date(clock.now().getTime() + HOUR), status_reason: 'hourly cap' }]);
    await rally.smtp!.waitFor(3, (m) => m.to === target.emails![0]!.address);

    // An hour later the next two go: the daily cap (5) is then reached and the last three wait for tomorrow.
    clock.advance(HOUR);
    await waitUntil(async () => (await statuses(action.id)).handed === 5, 10_000);
    await dispatchRuns(6);
    expect(await statuses(action.id)).toEqual({ handed: 5, waiting: 3 });
    const [{ reason }] = (await db.query(
      `SELECT DISTINCT status_reason AS reason FROM letters WHERE action_id = $1 AND status = 'waiting'`,
      [action.id],
    )) as { reason: string }[];
    expect(reason).toBe('daily cap');

    clock.advance(24 * HOUR);
    await waitUntil(async () => (await statuses(action.id)).handed === 8, 10_000);
    await rally.smtp!.waitFor(8, (m) => m.to === target.emails![0]!.address);
    await dispatchRuns(4);
    expect(rally.smtp!.messages.filter((m) => m.to === target.emails![0]!.address)).toHaveLength(8);
  });

  it('keeps letters inside the sending window in the target country, and staff can cancel those still waiting', async () => {
    clock.set('2027-03-06T10:00:00Z'); // Saturday
    const target = await aTarget(rally, staff, { country: 'FR', language: 'en' });
    const other = await aTarget(rally, staff, { country: 'FR', language: 'en' });
    const action = await aLetterAction(rally, staff, {
      routing: { mode: 'country' },
      sendingWindow: { startHour: 9, endHour: 17, weekdays: [1, 2, 3, 4, 5] },
    });
    await writeLetters(action.slug, 'FR', 2);
    await waitUntil(async () => (await statuses(action.id)).waiting >= 2, 10_000);
    await dispatchRuns(4);
    const waiting = (await db.query(
      `SELECT DISTINCT not_before, status_reason FROM letters WHERE action_id = $1 AND target_id = $2`,
      [action.id, target.id],
    )) as { not_before: Date; status_reason: string }[];
    // Monday 09:00 in Paris (UTC+1 in early March).
    expect(waiting).toEqual([{ not_before: new Date('2027-03-08T08:00:00Z'), status_reason: 'sending window' }]);

    const cancel = await fetch(
      `${rally.baseUrl}/api/orgs/${staff.organisation.slug}/letter-actions/${action.id}/targets/${other.id}/cancel`,
      { method: 'POST', headers: staff.bearer() },
    );
    expect(cancel.status).toBe(200);
    expect(await cancel.json()).toEqual({ cancelled: 2 });

    clock.set('2027-03-08T08:00:30Z');
    await waitUntil(async () => (await statuses(action.id)).handed === 2, 10_000);
    await dispatchRuns(4);
    expect(await statuses(action.id)).toEqual({ handed: 2, cancelled: 2 });
    expect(rally.smtp!.messages.filter((m) => m.to === other.emails![0]!.address)).toHaveLength(0);
  });

  it('holds letters while the only address is suspended and sends them when the suspension ends; waits out a paused domain', async () => {
    clock.set('2027-03-10T10:00:00Z');
    const target = await aTarget(rally, staff, {
      country: 'GR',
      language: 'en',
      emails: ['office@ministry.gr.example'],
    });
    const email = target.emails![0]!;
    await db.query(`UPDATE target_emails SET state = 'suspended', suspended_until = $2 WHERE id = $1`, [
      email.id,
      new Date(clock.now().getTime() + 3 * 24 * HOUR),
    ]);
    const action = await aLetterAction(rally, staff, { routing: { mode: 'country' } });
    // Routing needs an active address: a second target with one takes the letter while the first is suspended.
    const paused = await aTarget(rally, staff, { country: 'GR', language: 'en', emails: ['desk@paused.gr.example'] });
    await db.query(
      `INSERT INTO sending_pauses (organization_id, domain, until, reason) VALUES ($1, 'paused.gr.example', $2, 'test')`,
      [staff.organisation.id, new Date(clock.now().getTime() + 6 * HOUR)],
    );
    await writeLetters(action.slug, 'GR', 1);
    await waitUntil(async () => (await statuses(action.id)).waiting === 1, 10_000);
    const [wait] = (await db.query(`SELECT not_before, status_reason FROM letters WHERE target_id = $1`, [
      paused.id,
    ])) as { not_before: Date; status_reason: string }[];
    expect(wait).toEqual({ not_before: new Date(clock.now().getTime() + 6 * HOUR), status_reason: 'domain paused' });

    // A letter already written to the suspended address: held, then sent once the suspension is over.
    const [letter] = (await db.query(`SELECT id, submission_id FROM letters WHERE target_id = $1`, [paused.id])) as {
      id: string;
      submission_id: string;
    }[];
    await db.query(
      `INSERT INTO letters (id, organization_id, action_id, submission_id, target_id, target_email_id, recipient,
         address_normalized, supporter_email_normalized, sender, reply_to, message_id, language, subject, body, status,
         not_before)
       SELECT gen_random_uuid(), organization_id, action_id, submission_id, $2, $3, $4, $4, 'other@example.org', sender,
              reply_to, '<held-' || gen_random_uuid() || '@test>', language, subject, body, 'queued', $5
         FROM letters WHERE id = $1`,
      [letter!.id, target.id, email.id, email.address, clock.now()],
    );
    await waitUntil(async () => (await statuses(action.id)).held === 1, 10_000);
    clock.advance(3 * 24 * HOUR + 60_000);
    await rally.smtp!.waitFor(1, (m) => m.to === email.address);
    await rally.smtp!.waitFor(1, (m) => m.to === 'desk@paused.gr.example');
    const [state] = (await db.query(`SELECT state, suspended_until FROM target_emails WHERE id = $1`, [email.id])) as {
      state: string;
    }[];
    expect(state).toEqual({ state: 'active', suspended_until: null });
  });
});
