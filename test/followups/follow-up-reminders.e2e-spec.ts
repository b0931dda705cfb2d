import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { Role } from '#rally/access';
import { sqlOne, sqlRows } from '#rally/core';
import { FollowUpDigestJob, FollowUpJob, FollowUpReminderJob } from '#rally/followups';
import { ManualClock } from '#rally-testing/core';
import { aFollowUp } from '#rally-testing/followups';
import type { StaffHandle } from '#rally-testing/organisations';
import { addMember, createOrgWithMember, dataSourceOf } from '#rally-testing/organisations';
import type { CaughtMail } from '#rally-testing/core';
import { jobRunsOn, startRally, startWorkerContext, type RallyHarness } from '../support/rally-harness.js';
import { waitUntil } from '../support/processes.js';

/**
 * Reminders and digests with a clock the test moves, scanned by two workers. Each step must reach the owner once,
 * in their language, on the organisation's local day (Auckland is a calendar day ahead of UTC for half of it, Los
 * Angeles a day behind for the other part).
 */
describe('follow-up reminders and the daily digest: exactly once, local day, owner language, two workers', () => {
  const clock = new ManualClock('2027-03-06T10:00:00Z'); // 23:00 on 6 March in Auckland (UTC+13), 02:00 in LA
  let rally: RallyHarness;
  let second: INestApplicationContext;
  let db: DataSource;
  let auckland: StaffHandle;
  let la: StaffHandle;

  beforeAll(async () => {
    rally = await startRally({
      clock,
      env: { FOLLOWUP_REMINDER_MS: '100', FOLLOWUP_DIGEST_MS: '100', QUEUE_SCHEDULE_REFRESH_SECONDS: '1' },
    });
    second = await startWorkerContext(rally.config, clock);
    db = dataSourceOf(rally);
    auckland = await createOrgWithMember(rally, {
      role: Role.Coordinator,
      organisation: { timeZone: 'Pacific/Auckland', defaultLanguage: 'en' },
    });
    la = await createOrgWithMember(rally, {
      role: Role.Coordinator,
      organisation: { timeZone: 'America/Los_Angeles', defaultLanguage: 'es' },
    });
  });
  afterAll(async () => {
    await second.close();
    await rally.close();
  });

  const workers = (): INestApplicationContext[] => [rally.worker!, second];
  /** Runs of the scheduled job by either worker, then every staged mail delivered: nothing else can still come. */
  async function settle(job = FollowUpJob.Reminders, runs = 4): Promise<void> {
    await jobRunsOn(workers(), job, runs);
    await waitUntil(
      async () =>
        (
          await sqlOne<{ n: number }>(
            db,
            `SELECT count(*)::int AS n FROM mail_outbox WHERE status IN ('pending', 'sending')`,
          )
        ).n === 0,
      10_000,
    );
  }
  const mailTo = (who: StaffHandle): CaughtMail[] => rally.smtp!.messages.filter((m) => m.to === who.user.email);
  /** Both workers' handlers at once, several times: the race the unique step key must win. */
  async function race(job: typeof FollowUpReminderJob | typeof FollowUpDigestJob): Promise<void> {
    for (let i = 0; i < 3; i += 1) await Promise.all(workers().map((w) => w.get(job).handle()));
  }

  it("reminds before the due day on the organisation's local day, once across two workers, in the owner's language", async () => {
    const owner = await addMember(rally, auckland.organisation, { role: Role.Campaigner });
    await db.query(
      `INSERT INTO follow_up_preferences (organization_id, user_id, language, digest, updated_at)
       VALUES ($1, $2, 'fr', false, now())`,
      [auckland.organisation.id, owner.user.id],
    );
    const followUp = await aFollowUp(rally, auckland, {
      ownerId: owner.user.id,
      dueOn: '2027-03-10',
      title: 'Appeler le cabinet',
    });
    const laFollowUp = await aFollowUp(rally, la, { dueOn: '2027-03-10', title: 'Llamar al gabinete' });

    // 6 March, 23:00 in Auckland: three days before the 10th is tomorrow there.
    await settle();
    expect(mailTo(owner)).toHaveLength(0);

    clock.set('2027-03-06T12:00:00Z'); // 7 March, 01:00 in Auckland; still 6 March in UTC
    const [before] = await rally.smtp!.waitFor(1, (m) => m.to === owner.user.email);
    expect(before!.subject).toBe('À faire dans 3 jours : Appeler le cabinet');
    expect(before!.text).toContain('le 10 mars 2027');
    expect(before!.text).toContain(`/console/o/${auckland.organisation.slug}/follow-ups/${followUp.id}`);
    await race(FollowUpReminderJob);
    await settle();
    expect(mailTo(owner)).toHaveLength(1);

    // 7 March, 21:00 UTC: the 7th in UTC, still 6 March in Los Angeles; an hour into the 7th there, it goes.
    clock.set('2027-03-07T07:00:00Z');
    await settle();
    expect(mailTo(la)).toHaveLength(0);
    clock.set('2027-03-07T09:00:00Z');
    const [spanish] = await rally.smtp!.waitFor(1, (m) => m.to === la.user.email);
    expect(spanish!.subject).toBe('Vence en 3 días: Llamar al gabinete');

    // The day after the due day, in Auckland: the first overdue reminder, once.
    clock.set('2027-03-10T11:30:00Z'); // 11 March, 00:30 in Auckland
    const [, overdue] = await rally.smtp!.waitFor(2, (m) => m.to === owner.user.email);
    await race(FollowUpReminderJob);
    await settle();
    expect(mailTo(owner).map((m) => m.subject)).toEqual([
      'À faire dans 3 jours : Appeler le cabinet',
      'En retard : Appeler le cabinet',
    ]);
    expect(overdue!.text).toContain('il y a 1 jour');
    const steps = await sqlRows<{ step: string }>(
      db,
      `SELECT step FROM follow_up_reminders WHERE follow_up_id = $1 ORDER BY step_on`,
      [followUp.id],
    );
    expect(steps.map((s) => s.step)).toEqual(['before:3', 'overdue:1']);
    expect(spanish!.text).toContain(`/follow-ups/${laFollowUp.id}`);
  });

  it('arms every step again when the due day moves, stops when done, and repeats overdue reminders weekly three times', async () => {
    clock.set('2027-04-01T00:00:00Z'); // 1 April, 13:00 in Auckland
    const owner = await addMember(rally, auckland.organisation, { role: Role.Coordinator });
    const followUp = await aFollowUp(rally, auckland, { ownerId: owner.user.id, dueOn: '2027-04-03', title: 'Brief' });
    await rally.smtp!.waitFor(1, (m) => m.to === owner.user.email); // two days before: "before:3" at once

    // Moved to the 20th: the new day's steps are owed again, the old day's sends stay as history.
    const res = await fetch(`${rally.baseUrl}/api/orgs/${auckland.organisation.slug}/follow-ups/${followUp.id}`, {
      method: 'PATCH',
      headers: { ...auckland.bearer(), 'content-type': 'application/json' },
      body: JSON.stringify({ dueOn: '2027-04-20' }),
    });
    expect(res.status).toBe(200);
    await settle();
    expect(mailTo(owner)).toHaveLength(1);
    clock.set('2027-04-16T12:00:00Z'); // 17 April in Auckland: three days before the 20th
    await rally.smtp!.waitFor(2, (m) => m.to === owner.user.email);

    // Overdue: the 21st, the 28th and 5 May, then silence.
    for (const [at, n] of [
      ['2027-04-20T12:00:00Z', 3],
      ['2027-04-27T12:00:00Z', 4],
      ['2027-05-04T12:00:00Z', 5],
    ] as const) {
      clock.set(at);
      await rally.smtp!.waitFor(n, (m) => m.to === owner.user.email);
    }
    clock.set('2027-05-11T12:00:00Z');
    await settle();
    expect(mailTo(owner).map((m) => m.subject)).toEqual([
      'Due in 2 days: Brief',
      'Due in 3 days: Brief',
      'Overdue: Brief',
      'Overdue: Brief',
      'Overdue: Brief',
    ]);
    expect(
      (
        await sqlOne<{ next: string | null }>(db, `SELECT next_reminder_on AS next FROM follow_ups WHERE id = $1`, [
          followUp.id,
        ])
      ).next,
    ).toBeNull();

    // Closed before its first step: nothing goes.
    const closed = await aFollowUp(rally, auckland, { ownerId: owner.user.id, dueOn: '2027-05-20', title: 'Closed' });
    const done = await fetch(`${rally.baseUrl}/api/orgs/${auckland.organisation.slug}/follow-ups/${closed.id}/status`, {
      method: 'PUT',
      headers: { ...auckland.bearer(), 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'done' }),
    });
    expect(done.status).toBe(200);
    clock.set('2027-05-18T12:00:00Z');
    await settle();
    expect(mailTo(owner)).toHaveLength(5);
  });

  it('mails no former member, and a new earlier reminder day sends once without repeating what was sent', async () => {
    // Made while no step is due, so no reminder can go before the owner leaves (the workers tick all along).
    clock.set('2027-07-20T00:00:00Z');
    const owner = await addMember(rally, auckland.organisation, { role: Role.Coordinator });
    const leaver = await addMember(rally, auckland.organisation, { role: Role.Campaigner });
    await aFollowUp(rally, auckland, { ownerId: owner.user.id, dueOn: '2027-08-12', title: 'Kept' });
    const orphan = await aFollowUp(rally, auckland, { ownerId: leaver.user.id, dueOn: '2027-08-04', title: 'Orphan' });
    await db.query(`DELETE FROM membership WHERE organization_id = $1 AND user_id = $2`, [
      auckland.organisation.id,
      leaver.user.id,
    ]);
    clock.set('2027-08-02T00:00:00Z'); // 2 August, 12:00 in Auckland: the orphan's "3 days before" has come
    await settle();
    expect(mailTo(leaver)).toHaveLength(0);
    expect(mailTo(owner)).toHaveLength(0); // the 12th is ten days away: three days before is the 9th

    // Ten days before from now on (an admin's rule): the 2nd has passed, so that reminder goes at once, once.
    const admin = await addMember(rally, auckland.organisation, { role: Role.Admin });
    for (const [who, status] of [
      [auckland, 403],
      [admin, 200],
    ] as const) {
      const res = await fetch(`${rally.baseUrl}/api/orgs/${auckland.organisation.slug}/follow-up-settings`, {
        method: 'PUT',
        headers: { ...who.bearer(), 'content-type': 'application/json' },
        body: JSON.stringify({ daysBefore: [10, 3], digest: true }),
      });
      expect(res.status).toBe(status);
    }
    const [first] = await rally.smtp!.waitFor(1, (m) => m.to === owner.user.email);
    expect(first!.subject).toBe('Due in 10 days: Kept');
    await race(FollowUpReminderJob);
    await settle();
    expect(mailTo(owner)).toHaveLength(1);
    clock.set('2027-08-08T12:00:00Z'); // the 9th in Auckland: three days before
    await rally.smtp!.waitFor(2, (m) => m.to === owner.user.email);
    expect(mailTo(owner)[1]!.subject).toBe('Due in 3 days: Kept');
    expect(mailTo(leaver)).toHaveLength(0);
    expect(await sqlRows(db, `SELECT 1 FROM follow_up_reminders WHERE follow_up_id = $1`, [orphan.id])).toEqual([]);
  });

  it('sends the daily digest once per local day to coordinators who asked for it, in their language', async () => {
    clock.set('2027-06-01T16:00:00Z'); // 2 June, 04:00 in Auckland: before the digest hour (7)
    // An organisation of its own, so only this test's follow-ups are listed.
    const planner = await createOrgWithMember(rally, {
      role: Role.Coordinator,
      organisation: { timeZone: 'Pacific/Auckland', defaultLanguage: 'en' },
    });
    const home = planner.organisation;
    const campaigner = await addMember(rally, home, { role: Role.Campaigner });
    for (const [who, language] of [
      [planner, 'es'],
      [campaigner, null],
    ] as const)
      await db.query(
        `INSERT INTO follow_up_preferences (organization_id, user_id, language, digest, updated_at)
         VALUES ($1, $2, $3, true, now())`,
        [home.id, who.user.id, language],
      );
    await aFollowUp(rally, planner, { ownerId: campaigner.user.id, dueOn: '2027-06-01', title: 'Late one' });
    await aFollowUp(rally, planner, { ownerId: planner.user.id, dueOn: '2027-06-05', title: 'Soon one' });
    await aFollowUp(rally, planner, { ownerId: planner.user.id, dueOn: '2027-07-30', title: 'Far one' });
    await settle(FollowUpJob.Digest);
    expect(mailTo(planner).filter((m) => m.subject.includes(home.name))).toHaveLength(0);

    clock.set('2027-06-01T19:30:00Z'); // 07:30 in Auckland
    const [digest] = await rally.smtp!.waitFor(
      1,
      (m) => m.to === planner.user.email && m.subject.startsWith(home.name),
    );
    await race(FollowUpDigestJob);
    await settle(FollowUpJob.Digest);
    const digests = () => mailTo(planner).filter((m) => m.subject.startsWith(home.name));
    expect(digests()).toHaveLength(1);
    expect(digest!.subject).toContain('1 seguimiento vencido');
    expect(digest!.text).toContain('Late one');
    expect(digest!.text).toContain('Soon one');
    expect(digest!.text).not.toContain('Far one');
    expect(digest!.text).toContain(`/console/o/${home.slug}/follow-ups?view=all`);
    // Campaigners do not get the digest, even with the preference set behind the API's back.
    expect(mailTo(campaigner).filter((m) => m.subject.startsWith(home.name))).toHaveLength(0);

    clock.set('2027-06-02T19:30:00Z'); // the next local morning
    await rally.smtp!.waitFor(2, (m) => m.to === planner.user.email && m.subject.startsWith(home.name));
    await settle(FollowUpJob.Digest);
    expect(digests()).toHaveLength(2);
    expect(
      (
        await sqlRows<{ day: string }>(
          db,
          `SELECT to_char(local_day, 'YYYY-MM-DD') AS day FROM follow_up_digests WHERE user_id = $1 ORDER BY 1`,
          [planner.user.id],
        )
      ).map((r) => r.day),
    ).toEqual(['2027-06-02', '2027-06-03']);
  });
});
