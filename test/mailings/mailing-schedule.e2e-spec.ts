import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Role } from '#rally/access';
import { MailingJob } from '#rally/mailings';
import { ManualClock } from '#rally-testing/core';
import { aMailing, aSupporter } from '#rally-testing/mailings';
import type { StaffHandle } from '#rally-testing/organisations';
import { createOrgWithMember } from '#rally-testing/organisations';
import { aPetition } from '#rally-testing/petitions';
import { deliveriesByRecipient } from '../support/mail-helpers.js';
import { waitUntil } from '../support/processes.js';
import { jobRunsOn, startRally, startWorkerContext, type RallyHarness } from '../support/rally-harness.js';
import { staffApi, type StaffApi } from '../support/staff-api.js';

const DAY = 86_400_000;

/**
 * Schedules with a clock the test moves, read by the api and two workers: a recurring mailing keeps its local time
 * across the spring change, fires once however many workers look, and after downtime catches up once. Two workers
 * send one run: every recipient gets one message.
 */
describe('mailings: schedules and runs across two workers', () => {
  const clock = new ManualClock('2027-03-26T12:00:00Z'); // a Friday; the clocks go forward on Sunday the 28th
  let rally: RallyHarness;
  let second: INestApplicationContext;
  let admin: StaffHandle;
  let api: StaffApi;
  let db: DataSource;
  beforeAll(async () => {
    rally = await startRally({
      clock,
      env: {
        MAILING_SCHEDULE_MS: '100',
        MAILING_DISPATCH_MS: '100',
        MAILING_SEND_RATE: '5000',
        QUEUE_SCHEDULE_REFRESH_SECONDS: '1',
      },
    });
    second = await startWorkerContext(rally.config, clock);
    admin = await createOrgWithMember(rally, { role: Role.Admin });
    api = staffApi(rally, admin);
    db = rally.api.get<DataSource>(getDataSourceToken());
  });
  afterAll(async () => {
    await second.close();
    await rally.close();
  });

  /** Scheduler passes on both workers: waiting for several proves nothing more fired meanwhile. */
  const schedulerRuns = (count: number) => jobRunsOn([rally.worker!, second], MailingJob.Schedule, count);
  const dispatchRuns = (count: number) => jobRunsOn([rally.worker!, second], MailingJob.Dispatch, count);
  const occurrences = async (mailingId: string): Promise<string[]> =>
    (
      (await db.query(`SELECT occurrence FROM mailing_runs WHERE mailing_id = $1 ORDER BY occurrence`, [
        mailingId,
      ])) as {
        occurrence: Date;
      }[]
    ).map((r) => new Date(r.occurrence).toISOString());

  it('fires a daily 09:00 Paris mailing once per day across the DST change, and catches up once after downtime', async () => {
    const mailing = await aMailing(rally, admin);
    const scheduled = await api<{ nextRunAt: string }>('POST', `/mailings/${mailing.id}/schedule`, {
      kind: 'recurring',
      frequency: 'daily',
      time: '09:00',
    });
    expect(scheduled.body.nextRunAt).toBe('2027-03-27T08:00:00.000Z'); // 09:00 CET
    await schedulerRuns(4);
    expect(await occurrences(mailing.id)).toEqual([]);

    clock.set('2027-03-27T08:00:05Z');
    await rally.smtp!.waitFor(1, (m) => m.to === admin.user.email);
    await schedulerRuns(6);
    expect(await occurrences(mailing.id)).toEqual(['2027-03-27T08:00:00.000Z']);

    clock.set('2027-03-28T07:00:05Z'); // 09:00 CEST, 23 hours later
    await rally.smtp!.waitFor(2, (m) => m.to === admin.user.email);
    await schedulerRuns(6);
    expect(await occurrences(mailing.id)).toEqual(['2027-03-27T08:00:00.000Z', '2027-03-28T07:00:00.000Z']);

    // Three days down: one run for the latest missed occurrence, none for the others.
    clock.set('2027-03-31T10:00:00Z');
    await rally.smtp!.waitFor(3, (m) => m.to === admin.user.email);
    await schedulerRuns(6);
    expect(await occurrences(mailing.id)).toEqual([
      '2027-03-27T08:00:00.000Z',
      '2027-03-28T07:00:00.000Z',
      '2027-03-31T07:00:00.000Z',
    ]);
    const after = await api<{ nextRunAt: string; status: string }>('GET', `/mailings/${mailing.id}`);
    expect(after.body).toMatchObject({ status: 'scheduled', nextRunAt: '2027-04-01T07:00:00.000Z' });
    await dispatchRuns(4);
    expect(rally.smtp!.messages.filter((m) => m.to === admin.user.email)).toHaveLength(3);
    // A staff mailing carries no unsubscribe.
    expect(rally.smtp!.messages.find((m) => m.to === admin.user.email)!.raw).not.toMatch(/^List-Unsubscribe/im);
    await api('POST', `/mailings/${mailing.id}/cancel`);
  });

  it('sends one run with two workers dispatching: each of 400 supporters gets exactly one message', async () => {
    const petition = await aPetition(rally, admin);
    const emails: string[] = [];
    for (let i = 0; i < 400; i += 1) {
      emails.push(`two-workers-${i}@example.org`);
      await aSupporter(rally, admin.organisation.id, { email: emails[i], petitionId: petition.id });
    }
    const mailing = await aMailing(rally, admin, { audience: { kind: 'petition-signers', petitionId: petition.id } });
    await api('POST', `/mailings/${mailing.id}/schedule`, { kind: 'once', at: clock.now().toISOString() });
    const wanted = new Set(emails);
    await waitUntil(
      () => [...deliveriesByRecipient(rally.smtp!.messages).keys()].filter((to) => wanted.has(to)).length === 400,
      30_000,
    );
    await dispatchRuns(6);
    const counts = deliveriesByRecipient(rally.smtp!.messages.filter((m) => wanted.has(m.to)));
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    await waitUntil(async () => {
      const runs = await api<{ items: { status: string; progress: { sent: number } }[] }>(
        'GET',
        `/mailings/${mailing.id}/runs`,
      );
      return runs.body.items[0]?.status === 'finished' && runs.body.items[0]?.progress.sent === 400;
    }, 10_000);
    expect((await api<{ status: string }>('GET', `/mailings/${mailing.id}`)).body.status).toBe('finished');
  });

  it("reminds each signer N days after signing, once, at the schedule's local time", async () => {
    clock.set('2027-04-05T12:00:00Z'); // Monday, 14:00 in Paris
    const petition = await aPetition(rally, admin);
    const now = clock.now().getTime();
    await aSupporter(rally, admin.organisation.id, {
      email: 'before-the-reminder@example.org',
      petitionId: petition.id,
      signedAt: new Date(now - 3 * DAY),
    });
    await aSupporter(rally, admin.organisation.id, {
      email: 'signed-yesterday@example.org',
      petitionId: petition.id,
      signedAt: new Date(now - DAY),
    });
    const mailing = await aMailing(rally, admin, {
      audience: { kind: 'petition-signers', petitionId: petition.id },
      variants: [{ language: 'en', subject: 'Write a letter too', body: 'Two days ago you signed.\n' }],
    });
    const res = await api<{ nextRunAt: string }>('POST', `/mailings/${mailing.id}/schedule`, {
      kind: 'after-signing',
      days: 2,
      time: '10:00',
    });
    expect(res.body.nextRunAt).toBe('2027-04-06T08:00:00.000Z');

    clock.set('2027-04-06T08:00:05Z'); // signed yesterday: one day ago, not two yet
    await waitUntil(async () => (await occurrences(mailing.id)).length === 1, 10_000);
    clock.set('2027-04-07T08:00:05Z');
    await rally.smtp!.waitFor(1, (m) => m.to === 'signed-yesterday@example.org');
    clock.set('2027-04-08T08:00:05Z');
    await waitUntil(async () => (await occurrences(mailing.id)).length === 3, 10_000);
    await dispatchRuns(6);
    const reminded = rally.smtp!.messages.filter((m) => m.subject === 'Write a letter too').map((m) => m.to);
    expect(reminded).toEqual(['signed-yesterday@example.org']);
    await api('POST', `/mailings/${mailing.id}/cancel`);
  });

  it("counts a 'before close' reminder back from the petition's closing date", async () => {
    const petition = await aPetition(rally, admin, { closesAt: '2027-04-30T16:00:00Z' });
    const mailing = await aMailing(rally, admin, { audience: { kind: 'petition-signers', petitionId: petition.id } });
    const res = await api<{ nextRunAt: string }>('POST', `/mailings/${mailing.id}/schedule`, {
      kind: 'before-close',
      days: 3,
    });
    expect(res.status).toBe(200);
    expect(res.body.nextRunAt).toBe('2027-04-27T16:00:00.000Z');
  });

  it("follows the petition's close date moved later and earlier, sends once, and not after an early close", async () => {
    clock.set('2027-06-01T12:00:00Z');
    const petition = await aPetition(rally, admin, { closesAt: '2027-06-20T16:00:00Z' });
    await aSupporter(rally, admin.organisation.id, { email: 'almost-closed@example.org', petitionId: petition.id });
    const mailing = await aMailing(rally, admin, {
      audience: { kind: 'petition-signers', petitionId: petition.id },
      variants: [{ language: 'en', subject: 'Three days left', body: 'The petition closes soon.\n' }],
    });
    const scheduled = await api<{ nextRunAt: string }>('POST', `/mailings/${mailing.id}/schedule`, {
      kind: 'before-close',
      days: 3,
    });
    expect(scheduled.body.nextRunAt).toBe('2027-06-17T16:00:00.000Z');
    const nextRunAt = async (): Promise<string | null> =>
      (await api<{ nextRunAt: string | null }>('GET', `/mailings/${mailing.id}`)).body.nextRunAt;
    const reminded = () => rally.smtp!.messages.filter((m) => m.to === 'almost-closed@example.org');

    // Five days later: the reminder moves with it, and the time it had before passes with nothing sent.
    expect((await api('PATCH', `/petitions/${petition.id}`, { closesAt: '2027-06-25T16:00:00Z' })).status).toBe(200);
    await waitUntil(async () => (await nextRunAt()) === '2027-06-22T16:00:00.000Z', 10_000);
    clock.set('2027-06-17T16:00:05Z');
    await schedulerRuns(6);
    expect(await occurrences(mailing.id)).toEqual([]);

    // Now two days from the new close, so three days before has passed: it goes at once, once.
    expect((await api('PATCH', `/petitions/${petition.id}`, { closesAt: '2027-06-19T16:00:00Z' })).status).toBe(200);
    await rally.smtp!.waitFor(1, (m) => m.to === 'almost-closed@example.org');
    expect(await occurrences(mailing.id)).toEqual(['2027-06-16T16:00:00.000Z']);

    // Moved later again after it was sent: nothing re-arms it.
    expect((await api('PATCH', `/petitions/${petition.id}`, { closesAt: '2027-06-30T16:00:00Z' })).status).toBe(200);
    clock.set('2027-06-27T16:00:05Z');
    await schedulerRuns(6);
    await dispatchRuns(4);
    expect(await occurrences(mailing.id)).toEqual(['2027-06-16T16:00:00.000Z']);
    expect(reminded()).toHaveLength(1);
    expect(await nextRunAt()).toBeNull();

    // Closed a day before its reminder was due: no "before close" mail after it closed, even when that day comes.
    const early = await aPetition(rally, admin, { closesAt: '2027-07-10T16:00:00Z' });
    await aSupporter(rally, admin.organisation.id, { email: 'closed-early@example.org', petitionId: early.id });
    const late = await aMailing(rally, admin, { audience: { kind: 'petition-signers', petitionId: early.id } });
    await api('POST', `/mailings/${late.id}/schedule`, { kind: 'before-close', days: 3 });
    clock.set('2027-07-06T16:00:00Z');
    expect((await api('POST', `/petitions/${early.id}/close`)).status).toBe(201);
    clock.set('2027-07-07T16:00:05Z');
    await schedulerRuns(6);
    await dispatchRuns(4);
    expect(await occurrences(late.id)).toEqual([]);
    expect(rally.smtp!.messages.filter((m) => m.to === 'closed-early@example.org')).toEqual([]);
    await api('POST', `/mailings/${late.id}/cancel`);
  });
});
