import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { Role } from '#rally/access';
import { ScoreboardJob } from '#rally/scoreboard';
import type { CaughtMail } from '#rally-testing/core';
import { ManualClock } from '#rally-testing/core';
import { aStoredInboundMessage } from '#rally-testing/inbound';
import { aLetterAction, aLetterForm } from '#rally-testing/letters';
import type { StaffHandle } from '#rally-testing/organisations';
import { createOrgWithMember, dataSourceOf } from '#rally-testing/organisations';
import { aTarget } from '#rally-testing/targets';
import { confirmLink, postLetterJson, pressConfirm } from '../letters/letter-helpers.js';
import { waitUntil } from '../support/processes.js';
import { jobRunsOn, startRally, startWorkerContext, type RallyHarness } from '../support/rally-harness.js';
import { staffApi } from '../support/staff-api.js';

const DAY = 86_400_000;
const isQuestion = (m: CaughtMail): boolean => m.text.includes('/reply-check/');

/**
 * "Did they reply?" with a clock the test moves and two workers: letters really delivered, the question 14 days
 * later (once per supporter and action, in their language, about the letters with no captured reply), one-click
 * answers (GET changes nothing, POST records, last answer wins), the opt-out, the reminder 7 days later.
 */
describe('"did they reply?": questions to supporters, answers, reminders', () => {
  const clock = new ManualClock('2027-03-01T09:00:00Z');
  let rally: RallyHarness;
  let second: INestApplicationContext;
  let staff: StaffHandle;
  let db: DataSource;
  const emails = {
    s1: 'amina.s1@example.org',
    s2: 'claire.s2@example.org',
    s3: 'joao.s3@example.org',
    s4: 'rui.s4@example.org',
  };

  beforeAll(async () => {
    rally = await startRally({
      clock,
      env: {
        LETTER_RATE_IP_PER_MINUTE: '10000',
        LETTER_RATE_IP_PER_HOUR: '10000',
        LETTER_DISPATCH_MS: '100',
        LETTER_SUPPORTER_MAIL_MS: '100000',
        SCOREBOARD_REPLY_CHECK_MS: '150',
        QUEUE_SCHEDULE_REFRESH_SECONDS: '1',
      },
    });
    second = await startWorkerContext(rally.config, clock);
    staff = await createOrgWithMember(rally, { role: Role.Admin });
    db = dataSourceOf(rally);
  });
  afterAll(async () => {
    await second.close();
    await rally.close();
  });

  const checkRuns = (count: number) => jobRunsOn([rally.worker!, second], ScoreboardJob.ReplyChecks, count);
  const questions = (to?: string): CaughtMail[] =>
    rally.smtp!.messages.filter((m) => isQuestion(m) && (to === undefined || m.to === to));
  const link = (mail: CaughtMail, ending: string): string => {
    const found = new RegExp(`(http://\\S+/reply-check/\\S+/${ending})`).exec(mail.text)?.[1];
    if (!found) throw new Error(`no ${ending} link in:\n${mail.text}`);
    return found;
  };
  const answerOf = async (email: string): Promise<string | null> =>
    ((await db.query(`SELECT answer FROM reply_checks WHERE email = $1`, [email])) as { answer: string | null }[])[0]!
      .answer;

  async function write(slug: string, country: string, email: string): Promise<void> {
    const form = aLetterForm({ country, email }, clock.now().getTime());
    expect((await postLetterJson(rally, slug, 'send', form)).status).toBe(202);
    const [mail] = await rally.smtp!.waitFor(1, (m) => m.to === email);
    expect((await pressConfirm(confirmLink(mail!))).status).toBe(303);
  }

  it('asks once per supporter and action after 14 days, reminds once after 21, across two workers', async () => {
    const t1 = await aTarget(rally, staff, { country: 'PT', language: 'en', name: 'Minister One' });
    await aTarget(rally, staff, { country: 'PT', language: 'en', name: 'Minister Two' });
    await aTarget(rally, staff, { country: 'LU', language: 'fr', name: 'Ministre Trois' });
    const english = await aLetterAction(rally, staff, { routing: { mode: 'country' } });
    const french = await aLetterAction(rally, staff, { routing: { mode: 'country' }, language: 'fr' });
    await write(english.slug, 'PT', emails.s1);
    await write(french.slug, 'LU', emails.s2);
    await write(english.slug, 'PT', emails.s3);
    await write(english.slug, 'PT', emails.s4);
    await waitUntil(
      async () =>
        ((await db.query(`SELECT count(*)::int AS n FROM letters WHERE sent_at IS NOT NULL`)) as { n: number }[])[0]!
          .n === 7,
      15_000,
    );
    // The rollup followed the real delivery: 3 letters to each PT minister, 1 to LU.
    const waves = (await db.query(
      `SELECT target_id, letters, to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM scoreboard_waves
        WHERE action_id = $1 ORDER BY letters`,
      [english.id],
    )) as { target_id: string; letters: number; day: string }[];
    expect(waves.map((w) => [w.letters, w.day])).toEqual([
      [3, '2027-03-01'],
      [3, '2027-03-01'],
    ]);

    // The minister answered s4's letter to t1 (captured): s4 is asked about t2 only.
    const [{ id: s4ToT1 }] = (await db.query(
      `SELECT id FROM letters WHERE supporter_email_normalized = $1 AND target_id = $2`,
      [emails.s4, t1.id],
    )) as { id: string }[];
    const { messageId } = await aStoredInboundMessage(rally, staff);
    await db.query(`UPDATE inbound_messages SET letter_id = $1, target_id = $2 WHERE id = $3`, [
      s4ToT1,
      t1.id,
      messageId,
    ]);

    clock.advance(13 * DAY);
    await checkRuns(3);
    expect(questions()).toHaveLength(0);

    clock.advance(DAY + 60_000);
    await rally.smtp!.waitFor(4, isQuestion);
    await checkRuns(4);
    expect(
      questions()
        .map((m) => m.to)
        .sort(),
    ).toEqual(Object.values(emails).sort());
    const s1 = questions(emails.s1)[0]!;
    expect(s1.subject).toBe(`Did you get an answer to your letters? ${english.title}`);
    expect(s1.text).toContain('Minister One');
    expect(s1.text).toContain('Minister Two');
    const s4 = questions(emails.s4)[0]!;
    expect(s4.text).toContain('Minister Two');
    expect(s4.text).not.toContain('Minister One');
    const s2 = questions(emails.s2)[0]!;
    expect(s2.subject).toBe(`Avez-vous reçu une réponse à votre lettre ? ${french.title}`);
    expect(s2.text).toContain('Pas encore');

    // Opening a link changes nothing (mail scanners open them); the button records. Last answer wins.
    const yes = link(s1, 'answer/yes');
    const page = await fetch(yes);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('<form method="post"');
    expect(html).toContain('Yes, an answer');
    expect(await answerOf(emails.s1)).toBeNull();
    expect((await fetch(yes, { method: 'POST' })).status).toBe(200);
    expect(await answerOf(emails.s1)).toBe('yes');
    const reported = async (): Promise<Record<string, number>> => {
      const board = await staffApi(rally, staff)<{
        ministries: { country: string; supporterReported: Record<string, number> }[];
      }>('GET', '/scoreboard?country=PT');
      return board.body.ministries[0]!.supporterReported;
    };
    expect(await reported()).toEqual({ yes: 2, acknowledgement: 0, no: 0, notYet: 0, answers: 2 });
    const ack = link(s1, 'answer/acknowledgement');
    expect((await fetch(ack, { method: 'POST' })).status).toBe(200);
    const [{ at }] = (await db.query(`SELECT answered_at AS at FROM reply_checks WHERE email = $1`, [emails.s1])) as {
      at: Date;
    }[];
    expect((await fetch(ack, { method: 'POST' })).status).toBe(200);
    expect(
      (
        (await db.query(`SELECT answered_at AS at FROM reply_checks WHERE email = $1`, [emails.s1])) as { at: Date }[]
      )[0]!.at,
    ).toEqual(at);
    expect(await reported()).toEqual({ yes: 0, acknowledgement: 2, no: 0, notYet: 0, answers: 2 });
    // Captured replies are not counted among supporters' answers, nor the other way round.
    const [{ answered }] = (await db.query(
      `SELECT count(*)::int AS answered FROM scoreboard_waves WHERE action_id = $1 AND first_ack_on IS NOT NULL`,
      [english.id],
    )) as { answered: number }[];
    expect(answered).toBe(0);

    // French pages for the French supporter; forged or unknown links are a 404 page.
    const frPage = await fetch(link(s2, 'answer/not-yet'));
    expect(await frPage.text()).toContain('lang="fr"');
    expect((await fetch(yes.replace(/\/[^/]+\/answer\/yes$/, '/AAAAAAAAAAAAAAAAAAAAAAAA/answer/yes'))).status).toBe(
      404,
    );
    expect((await fetch(yes.replace(/answer\/yes$/, 'answer/maybe'), { method: 'POST' })).status).toBe(404);
    expect(await answerOf(emails.s1)).toBe('acknowledgement');

    // s3 opts out: the GET shows the button, the POST stops every further question from the organisation.
    const optOut = link(questions(emails.s3)[0]!, 'opt-out');
    expect((await fetch(optOut)).status).toBe(200);
    const optedOut = async (): Promise<number> =>
      (
        (await db.query(`SELECT count(*)::int AS n FROM reply_check_opt_outs WHERE email_normalized = $1`, [
          emails.s3,
        ])) as { n: number }[]
      )[0]!.n;
    expect(await optedOut()).toBe(0);
    expect((await fetch(optOut, { method: 'POST' })).status).toBe(200);
    expect(await optedOut()).toBe(1);

    // Seven days later: reminders to the unanswered (s2, s4) only, once.
    clock.advance(7 * DAY);
    await rally.smtp!.waitFor(6, isQuestion);
    await checkRuns(4);
    expect(questions()).toHaveLength(6);
    expect(questions(emails.s2).map((m) => m.subject)).toEqual([
      `Avez-vous reçu une réponse à votre lettre ? ${french.title}`,
      `Rappel : avez-vous reçu une réponse ? ${french.title}`,
    ]);
    expect(questions(emails.s4)).toHaveLength(2);
    expect(questions(emails.s1)).toHaveLength(1);
    expect(questions(emails.s3)).toHaveLength(1);
    clock.advance(30 * DAY);
    await checkRuns(3);
    expect(questions()).toHaveLength(6);
  });
});
