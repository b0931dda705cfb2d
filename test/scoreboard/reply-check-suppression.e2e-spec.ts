import type { DataSource } from 'typeorm';
import { Role } from '#rally/access';
import { SuppressionList } from '#rally/mailings';
import { ScoreboardJob } from '#rally/scoreboard';
import type { CaughtMail } from '#rally-testing/core';
import { ManualClock } from '#rally-testing/core';
import { aLetterAction, aLetterForm } from '#rally-testing/letters';
import type { StaffHandle } from '#rally-testing/organisations';
import { createOrgWithMember, dataSourceOf } from '#rally-testing/organisations';
import { aTarget } from '#rally-testing/targets';
import { confirmLink, postLetterJson, pressConfirm } from '../letters/letter-helpers.js';
import { waitUntil } from '../support/processes.js';
import { jobRuns, startRally, type RallyHarness } from '../support/rally-harness.js';

const DAY = 86_400_000;
const isQuestion = (m: CaughtMail): boolean => m.text.includes('/reply-check/');

/**
 * "Did they reply?" honours the organisation's mail suppression list, the one mailings keep: an address unsubscribed
 * from all mail or hard-bounced gets neither the question nor the reminder, whatever form it was suppressed in.
 */
describe('"did they reply?" and the suppression list', () => {
  const clock = new ManualClock('2027-05-03T09:00:00Z');
  let rally: RallyHarness;
  let staff: StaffHandle;
  let db: DataSource;
  const emails = {
    asked: 'asked@example.org',
    unsubscribed: 'jane.doe@gmail.com',
    bounced: 'gone@example.org',
    later: 'later@example.org',
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
    staff = await createOrgWithMember(rally, { role: Role.Admin });
    db = dataSourceOf(rally);
  });
  afterAll(() => rally.close());

  const checkRuns = (count: number) => jobRuns(rally, ScoreboardJob.ReplyChecks, count);
  const askedTo = (): string[] =>
    rally
      .smtp!.messages.filter(isQuestion)
      .map((m) => m.to)
      .sort();

  it('asks and reminds only the addresses not suppressed', async () => {
    await aTarget(rally, staff, { country: 'PT', language: 'en', name: 'Minister One' });
    const action = await aLetterAction(rally, staff, { routing: { mode: 'country' } });
    for (const email of Object.values(emails)) {
      const form = aLetterForm({ country: 'PT', email }, clock.now().getTime());
      expect((await postLetterJson(rally, action.slug, 'send', form)).status).toBe(202);
      const [mail] = await rally.smtp!.waitFor(1, (m) => m.to === email);
      expect((await pressConfirm(confirmLink(mail!))).status).toBe(303);
    }
    await waitUntil(
      async () =>
        ((await db.query(`SELECT count(*)::int AS n FROM letters WHERE sent_at IS NOT NULL`)) as { n: number }[])[0]!
          .n === 4,
      15_000,
    );
    const suppressions = rally.api.get(SuppressionList);
    const scope = { organisationId: staff.organisation.id };
    // Unsubscribed from a mailing under another form of the same Gmail address; the other one bounced hard.
    await suppressions.suppress(scope, 'Jane.Doe+news@GMail.com', 'unsubscribed', null);
    await suppressions.suppress(scope, emails.bounced, 'hard-bounce', null);

    clock.advance(14 * DAY + 60_000);
    await rally.smtp!.waitFor(2, isQuestion);
    await checkRuns(3);
    expect(askedTo()).toEqual([emails.asked, emails.later]);

    // Unsubscribed after the question: no reminder.
    await suppressions.suppress(scope, emails.later, 'unsubscribed', null);
    clock.advance(7 * DAY);
    await rally.smtp!.waitFor(3, isQuestion);
    await checkRuns(3);
    expect(askedTo()).toEqual([emails.asked, emails.asked, emails.later]);
  });
});
