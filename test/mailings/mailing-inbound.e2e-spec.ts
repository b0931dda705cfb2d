import type { DataSource } from 'typeorm';
import { Role } from '#rally/access';
import { sqlRows } from '#rally/core';
import { InboundJob } from '#rally/inbound';
import { LETTERS_CONFIG } from '#rally/letters';
import { MailingJob } from '#rally/mailings';
import type { CaughtMail } from '#rally-testing/core';
import { aWebhookSource, webhookSignature } from '#rally-testing/inbound';
import { aMailing, aSupporter } from '#rally-testing/mailings';
import type { StaffHandle } from '#rally-testing/organisations';
import { createOrgWithMember, dataSourceOf } from '#rally-testing/organisations';
import { aPetition } from '#rally-testing/petitions';
import { dsn, plainReply } from '../../libs/inbound/src/testing/inbound-messages.js';
import { refusalOf, sendToInbound } from '../inbound/inbound-helpers.js';
import { jobRuns, startRally, type RallyHarness } from '../support/rally-harness.js';
import { staffApi } from '../support/staff-api.js';
import { rawHeader, suppressionsOf } from './mailing-helpers.js';

/**
 * Mail coming back to a mailing through Rally's inbound mail: delivery reports at the VERP return path and the
 * List-Unsubscribe mailto, over the real inbound SMTP server (and the provider webhook) on loopback, processed by the
 * worker; mailings sent through the SMTP sink.
 */
describe('mailings: delivery reports and mailto unsubscribes through inbound mail', () => {
  let rally: RallyHarness;
  let admin: StaffHandle;
  let db: DataSource;
  let domain: string;
  let petitionId: string;
  let mails: CaughtMail[];
  const mailOf = (to: string): CaughtMail => mails.find((m) => m.to === to)!;
  /** The mailto address of a caught mailing's List-Unsubscribe. */
  const mailtoOf = (mail: CaughtMail): string =>
    /<mailto:([^?>]+)\?subject=unsubscribe>/.exec(rawHeader(mail, 'List-Unsubscribe') ?? '')![1]!;
  /** Resolves once the worker processed `count` more inbound messages. */
  const processed = (count = 1): Promise<void> => jobRuns(rally, InboundJob.Process, count);

  async function sendMailing(subject: string): Promise<string> {
    const mailing = await aMailing(rally, admin, {
      audience: { kind: 'petition-signers', petitionId },
      variants: [{ language: 'en', subject, body: 'Dear {{supporter.firstName}},\n\nThank you.\n' }],
    });
    const res = await staffApi(rally, admin)('POST', `/mailings/${mailing.id}/schedule`, {
      kind: 'once',
      at: new Date().toISOString(),
    });
    expect(res.status).toBe(200);
    return mailing.id;
  }

  async function progressOf(mailingId: string): Promise<Record<string, number>> {
    const runs = await staffApi(rally, admin)<{ items: { progress: Record<string, number> }[] }>(
      'GET',
      `/mailings/${mailingId}/runs`,
    );
    return runs.body.items[0]!.progress;
  }

  const consentsOf = (email: string): Promise<{ granted: boolean; source: string }[]> =>
    sqlRows(
      db,
      `SELECT c.granted, c.source FROM supporter_consents c JOIN supporters s ON s.id = c.supporter_id
        WHERE s.email = $1 ORDER BY c.recorded_at`,
      [email],
    );

  let firstMailing: string;
  beforeAll(async () => {
    rally = await startRally({
      inbound: true,
      env: { MAILING_DISPATCH_MS: '100', MAILING_SCHEDULE_MS: '100000', INBOUND_RECONCILE_SECONDS: '3600' },
    });
    admin = await createOrgWithMember(rally, { role: Role.Admin });
    db = dataSourceOf(rally);
    domain = rally.config.section(LETTERS_CONFIG).replyDomain;
    petitionId = (await aPetition(rally, admin)).id;
    for (const email of ['gone@example.org', 'full@example.org', 'leaving@example.org', 'webhook@example.org'])
      await aSupporter(rally, admin.organisation.id, { email, petitionId });
    firstMailing = await sendMailing('Thank you for signing');
    mails = await rally.smtp!.waitFor(4, (m) => m.subject === 'Thank you for signing');
  });
  afterAll(() => rally.close());

  it('sends each mailing message with its own return path and mailto unsubscribe at the reply domain', () => {
    const returnPaths = mails.map((m) => m.from);
    expect(new Set(returnPaths).size).toBe(4);
    for (const mail of mails) {
      expect(mail.from).toMatch(new RegExp(`^mailing-bounce\\+\\d+[a-z2-7]{16}@${domain.replace(/\./g, '\\.')}$`));
      expect(mailtoOf(mail)).toMatch(new RegExp(`^unsubscribe\\+\\d+[a-z2-7]{16}@${domain.replace(/\./g, '\\.')}$`));
      // The From of the mail is the organisation's sender, not the return path.
      expect(rawHeader(mail, 'From')).not.toContain('mailing-bounce+');
      expect(rawHeader(mail, 'List-Unsubscribe')).toMatch(/^<https?:\/\/[^>]+\/u\/\d+-[A-Za-z0-9_-]{22}>, <mailto:/);
    }
  });

  it('a hard bounce at the return path marks the recipient bounced and suppresses the address, once', async () => {
    const returnPath = mailOf('gone@example.org').from;
    const report = dsn(
      [{ recipient: 'gone@example.org', action: 'failed', status: '5.1.1', diagnostic: '550 5.1.1 User unknown' }],
      {
        to: returnPath,
      },
    );
    for (let i = 0; i < 2; i += 1) {
      const done = processed();
      const sent = await sendToInbound(rally, { from: '', to: [returnPath] }, report);
      expect(sent.response).toMatch(/^250 /);
      await done;
    }
    expect(await suppressionsOf(db, admin.organisation.id)).toEqual([{ reason: 'hard-bounce' }]);
    expect(await progressOf(firstMailing)).toMatchObject({ staged: 4, sent: 3, bounced: 1 });
    // Not kept: it is nobody's reply, and it names the supporter's address.
    expect(
      await sqlRows(db, `SELECT id FROM inbound_messages WHERE organization_id = $1`, [admin.organisation.id]),
    ).toEqual([]);
    const triage = await staffApi(rally, admin)<{ total: number }>('GET', '/inbound/messages?triage=true');
    expect(triage.body.total).toBe(0);
  });

  it('a soft bounce, a delay and an out-of-office at the return path change nothing', async () => {
    const returnPath = mailOf('full@example.org').from;
    const done = processed(3);
    await sendToInbound(
      rally,
      { from: '', to: [returnPath] },
      dsn(
        [{ recipient: 'full@example.org', action: 'failed', status: '4.2.2', diagnostic: '452 4.2.2 Mailbox full' }],
        {
          to: returnPath,
          messageId: '<dsn-soft@mx.example.org>',
        },
      ),
    );
    await sendToInbound(
      rally,
      { from: '', to: [returnPath] },
      dsn([{ recipient: 'full@example.org', action: 'delayed', status: '4.4.1' }], {
        to: returnPath,
        messageId: '<dsn-delayed@mx.example.org>',
      }),
    );
    await sendToInbound(
      rally,
      { from: 'full@example.org', to: [returnPath] },
      plainReply('I am away until Monday.', {
        from: 'Full <full@example.org>',
        to: returnPath,
        subject: 'Out of office: Thank you for signing',
        extra: ['Auto-Submitted: auto-replied'],
      }),
    );
    await done;
    expect(await suppressionsOf(db, admin.organisation.id)).toEqual([{ reason: 'hard-bounce' }]);
    expect(await progressOf(firstMailing)).toMatchObject({ sent: 3, bounced: 1 });
    expect(await consentsOf('full@example.org')).toEqual([expect.objectContaining({ granted: true })]);
  });

  it('refuses a forged or altered token with the answer every bad address gets', async () => {
    const returnPath = mailOf('full@example.org').from;
    const mailto = mailtoOf(mailOf('full@example.org'));
    const [local] = returnPath.split('@');
    const token = local!.slice('mailing-bounce+'.length);
    const flipped = (s: string): string => s.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a'));
    const bad = [
      `mailing-bounce+${flipped(token)}@${domain}`,
      // The same MAC on another recipient's id, and a token of the other purpose.
      `mailing-bounce+${String(Number(token.slice(0, -16)) + 1)}${token.slice(-16)}@${domain}`,
      `unsubscribe+${token}@${domain}`,
      `${mailto.split('@')[0]}@another.example.org`,
      `nobody@${domain}`,
      `reply+1aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@${domain}`,
    ];
    const answers = [];
    for (const to of bad) {
      const refusal = await refusalOf(rally, { from: 'someone@example.org', to: [to] }, plainReply('hello', { to }));
      answers.push([refusal.responseCode, refusal.response]);
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toEqual([550, expect.stringContaining('5.1.1 No such recipient')]);
  });

  it('mail to the unsubscribe address unsubscribes the recipient whatever it says, once', async () => {
    const mailto = mailtoOf(mailOf('leaving@example.org'));
    for (const body of ['', 'Please keep sending me news!']) {
      const done = processed();
      await sendToInbound(
        rally,
        { from: 'leaving@example.org', to: [mailto] },
        plainReply(body, {
          from: 'Leaving <leaving@example.org>',
          to: mailto,
          subject: 'unsubscribe',
          messageId: `<${Math.random().toString(36).slice(2)}@example.org>`,
        }),
      );
      await done;
    }
    expect(await suppressionsOf(db, admin.organisation.id)).toEqual([
      { reason: 'hard-bounce' },
      { reason: 'unsubscribed' },
    ]);
    const consents = await consentsOf('leaving@example.org');
    expect(consents.map((c) => c.granted)).toEqual([true, false]);
    expect(consents[1]!.source).toMatch(/^mailing-run:/);
  });

  it('takes a report through the provider webhook too, where only the To header names the return path', async () => {
    const { source, secret } = await aWebhookSource(rally, admin);
    const returnPath = mailOf('webhook@example.org').from;
    const report = dsn([{ recipient: 'webhook@example.org', action: 'failed', status: '5.1.1' }], {
      to: returnPath,
      messageId: '<dsn-webhook@mx.example.org>',
    });
    const done = processed();
    const res = await fetch(`${rally.baseUrl}/inbound/webhooks/${source.id}`, {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822', ...webhookSignature(secret, report) },
      body: report,
    });
    expect(res.status).toBe(200);
    await done;
    expect(await suppressionsOf(db, admin.organisation.id)).toHaveLength(3);
    expect(await progressOf(firstMailing)).toMatchObject({ sent: 2, bounced: 2 });
  });

  it('the next run skips the bounced and unsubscribed addresses', async () => {
    const next = await sendMailing('What happened next');
    const [mail] = await rally.smtp!.waitFor(1, (m) => m.subject === 'What happened next');
    expect(mail!.to).toBe('full@example.org');
    await jobRuns(rally, MailingJob.Dispatch, 2);
    expect(rally.smtp!.messages.filter((m) => m.subject === 'What happened next')).toHaveLength(1);
    expect(await progressOf(next)).toMatchObject({ staged: 1 });
  });
});
