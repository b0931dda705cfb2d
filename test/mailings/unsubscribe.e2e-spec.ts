import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Role } from '#rally/access';
import { MailingJob } from '#rally/mailings';
import { aMailing, aSupporter } from '#rally-testing/mailings';
import type { StaffHandle } from '#rally-testing/organisations';
import { createOrgWithMember } from '#rally-testing/organisations';
import { aPetition } from '#rally-testing/petitions';
import { aLetterAction, aLetterForm } from '#rally-testing/letters';
import { aTarget } from '#rally-testing/targets';
import { confirmLink, postLetterJson, pressConfirm } from '../letters/letter-helpers.js';
import { jobRuns, startRally, type RallyHarness } from '../support/rally-harness.js';
import { staffApi, type StaffApi } from '../support/staff-api.js';
import { oneClickPost, rawHeader, suppressionsOf, unsubscribeLink } from './mailing-helpers.js';

/** RFC 8058 unsubscribe, the preferences page and the suppression list, through a real send to the SMTP sink. */
describe('mailings: unsubscribe, preferences, suppression', () => {
  let rally: RallyHarness;
  let admin: StaffHandle;
  let api: StaffApi;
  let db: DataSource;
  beforeAll(async () => {
    rally = await startRally({
      env: { MAILING_DISPATCH_MS: '100', MAILING_SCHEDULE_MS: '100000', LETTER_DISPATCH_MS: '100' },
    });
    admin = await createOrgWithMember(rally, { role: Role.Admin });
    api = staffApi(rally, admin);
    db = rally.api.get<DataSource>(getDataSourceToken());
  });
  afterAll(() => rally.close());

  async function sendToSigners(petitionId: string): Promise<string> {
    const mailing = await aMailing(rally, admin, {
      audience: { kind: 'petition-signers', petitionId },
      variants: [
        {
          language: 'en',
          subject: '{{petition.title}}: {{petition.count}} signed',
          body: 'Dear {{supporter.firstName}},\n\nThank you.\n',
        },
        {
          language: 'fr',
          subject: '{{petition.title}} : {{petition.count}} signatures',
          body: 'Bonjour {{supporter.firstName}},\n\nMerci.\n',
        },
      ],
    });
    const res = await api('POST', `/mailings/${mailing.id}/schedule`, { kind: 'once', at: new Date().toISOString() });
    expect(res.status).toBe(200);
    return mailing.id;
  }

  it('sends with both List-Unsubscribe forms and one-click POST, in the supporter language, skipping the non-consenting', async () => {
    const petition = await aPetition(rally, admin, { title: 'Free the children' });
    const org = admin.organisation.id;
    await aSupporter(rally, org, { email: 'yes.en@example.org', petitionId: petition.id });
    await aSupporter(rally, org, {
      email: 'yes.fr@example.org',
      language: 'fr',
      firstName: 'Chloé',
      petitionId: petition.id,
    });
    await aSupporter(rally, org, { email: 'no@example.org', consent: false, petitionId: petition.id });
    await aSupporter(rally, org, { email: 'never@example.org', consent: null, petitionId: petition.id });
    await sendToSigners(petition.id);
    const mails = await rally.smtp!.waitFor(2, (m) => m.to.startsWith('yes.'));
    const fr = mails.find((m) => m.to === 'yes.fr@example.org')!;
    expect(fr.subject).toMatch(/^Free the children : \d signatures$/);
    expect(fr.text).toContain('Bonjour Chloé');
    const header = rawHeader(fr, 'List-Unsubscribe');
    expect(header).toMatch(
      /^<http:\/\/127\.0\.0\.1:\d+\/u\/\d+-[A-Za-z0-9_-]{22}>, <mailto:unsubscribe\+\d+[a-z2-7]{16}@[^?>]+\?subject=unsubscribe>$/,
    );
    expect(rawHeader(fr, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(fr.html).toContain('/preferences');
    await jobRuns(rally, MailingJob.Dispatch, 2);
    expect(rally.smtp!.messages.filter((m) => m.to === 'no@example.org' || m.to === 'never@example.org')).toEqual([]);
  });

  it('GET shows a button and changes nothing; the one-click POST unsubscribes once, with no cookie or CSRF token', async () => {
    const mail = rally.smtp!.messages.find((m) => m.to === 'yes.en@example.org')!;
    const link = unsubscribeLink(mail);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain(`<form method="post" action="${new URL(link).pathname}"`);
    expect(await suppressionsOf(db, admin.organisation.id)).toEqual([]);

    for (let i = 0; i < 2; i += 1) {
      const res = await oneClickPost(link);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('You are unsubscribed');
    }
    expect(await suppressionsOf(db, admin.organisation.id)).toEqual([{ reason: 'unsubscribed' }]);
    const consents = (await db.query(
      `SELECT c.granted, c.source FROM supporter_consents c JOIN supporters s ON s.id = c.supporter_id
        WHERE s.email = 'yes.en@example.org' ORDER BY c.recorded_at`,
    )) as { granted: boolean; source: string }[];
    expect(consents.map((c) => c.granted)).toEqual([true, false]);
    expect(consents[1]!.source).toMatch(/^mailing-run:/);

    const forged = await oneClickPost(link.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')));
    expect(forged.status).toBe(404);
  });

  it('keeps the address out of later mailings, also after the supporter is erased and signs up again', async () => {
    await db.query(`DELETE FROM supporters WHERE email = 'yes.en@example.org'`);
    const petition = await aPetition(rally, admin);
    // The same person: the address as typed differs only in case.
    await aSupporter(rally, admin.organisation.id, { email: 'Yes.EN@example.org', petitionId: petition.id });
    await aSupporter(rally, admin.organisation.id, { email: 'other@example.org', petitionId: petition.id });
    const count = await api<{ recipients: number }>('POST', '/mailings/audience-count', {
      kind: 'petition-signers',
      petitionId: petition.id,
    });
    expect(count.body.recipients).toBe(1);
  });

  it('serves a preferences page (language, campaigns) that saves without JavaScript and refuses a bad language', async () => {
    const mail = rally.smtp!.messages.find((m) => m.to === 'yes.fr@example.org')!;
    const link = unsubscribeLink(mail);
    const page = await fetch(`${link}/preferences`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="fr" dir="ltr">');
    const campaign = /name="campaigns" value="([0-9a-f-]{36})"[^>]* checked/.exec(html)?.[1];
    expect(campaign).toBeDefined();

    const save = await fetch(`${link}/preferences`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'language=es',
    });
    expect(save.status).toBe(200);
    const saved = await save.text();
    expect(saved).toContain('<html lang="es"');
    expect(saved).toContain('Tus preferencias se han guardado.');
    expect(saved).not.toMatch(/name="campaigns" value="[^"]+"[^>]* checked/);
    const [pref] = (await db.query(`SELECT language, muted_campaign_ids FROM mailing_preferences`)) as {
      language: string;
      muted_campaign_ids: string[];
    }[];
    expect(pref).toEqual({ language: 'es', muted_campaign_ids: [campaign] });

    const bad = await fetch(`${link}/preferences`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'language=xx',
    });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { fields: Record<string, string[]> }).fields).toHaveProperty('language');
  });

  it('puts a hard-bounced supporter address on the suppression list and counts it bounced', async () => {
    const org = await createOrgWithMember(rally, { role: Role.Admin });
    const petition = await aPetition(rally, org);
    await aSupporter(rally, org.organisation.id, { email: 'gone@example.org', petitionId: petition.id });
    await aSupporter(rally, org.organisation.id, { email: 'here@example.org', petitionId: petition.id });
    rally.smtp!.rejectRecipients((to) => to === 'gone@example.org', 550, '5.1.1 No such user');
    const mailing = await aMailing(rally, org, { audience: { kind: 'petition-signers', petitionId: petition.id } });
    const orgApi = staffApi(rally, org);
    expect(
      (await orgApi('POST', `/mailings/${mailing.id}/schedule`, { kind: 'once', at: new Date().toISOString() })).status,
    ).toBe(200);
    await rally.smtp!.waitFor(1, (m) => m.to === 'here@example.org');
    let runs: { items: { progress: Record<string, number>; status: string }[] } = { items: [] };
    for (let i = 0; i < 100; i += 1) {
      runs = (await orgApi<typeof runs>('GET', `/mailings/${mailing.id}/runs`)).body;
      if (runs.items[0]?.progress.bounced === 1 && runs.items[0]?.progress.sent === 1) break;
      await jobRuns(rally, MailingJob.Dispatch, 1);
    }
    expect(runs.items[0]!.progress).toMatchObject({ staged: 2, sent: 1, bounced: 1, failed: 0, queued: 0 });
    expect(await suppressionsOf(db, org.organisation.id)).toEqual([{ reason: 'hard-bounce' }]);
    const csv = await fetch(`${rally.baseUrl}/api/orgs/${org.organisation.slug}/mailings/${mailing.id}/report.csv`, {
      headers: org.bearer(),
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'run,occurrence,status,recipients,queued,sent,failed,bounced,unsubscribed,skipped,finished_at',
    );
    expect(lines[1]).toMatch(/^[0-9a-f-]{36},[^,]+,finished,2,0,1,0,1,0,0,/);
  });

  it('takes the one-click POST as multipart/form-data or with no body too, and refuses other types with a 415', async () => {
    const org = await createOrgWithMember(rally, { role: Role.Admin });
    const petition = await aPetition(rally, org);
    const emails = ['multipart@example.org', 'bare@example.org', 'typed@example.org'];
    for (const email of emails) await aSupporter(rally, org.organisation.id, { email, petitionId: petition.id });
    const mailing = await aMailing(rally, org, { audience: { kind: 'petition-signers', petitionId: petition.id } });
    const orgApi = staffApi(rally, org);
    await orgApi('POST', `/mailings/${mailing.id}/schedule`, { kind: 'once', at: new Date().toISOString() });
    const mails = await rally.smtp!.waitFor(3, (m) => emails.includes(m.to));
    const linkOf = (to: string): string => unsubscribeLink(mails.find((m) => m.to === to)!);

    // What a provider posting multipart sends (fetch writes the boundary), twice: one suppression.
    for (let i = 0; i < 2; i += 1) {
      const form = new FormData();
      form.set('List-Unsubscribe', 'One-Click');
      const res = await fetch(linkOf('multipart@example.org'), { method: 'POST', body: form });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('You are unsubscribed');
    }
    expect(await suppressionsOf(db, org.organisation.id)).toEqual([{ reason: 'unsubscribed' }]);

    const bare = await fetch(linkOf('bare@example.org'), { method: 'POST' });
    expect(bare.status).toBe(200);
    const emptyMultipart = await fetch(linkOf('bare@example.org'), {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: '',
    });
    expect(emptyMultipart.status).toBe(200);
    expect(await suppressionsOf(db, org.organisation.id)).toHaveLength(2);

    for (const [type, body] of [
      ['text/plain', 'List-Unsubscribe=One-Click'],
      ['application/json', '{"List-Unsubscribe":"One-Click"}'],
      ['application/xml', '<unsubscribe/>'],
    ]) {
      const res = await fetch(linkOf('typed@example.org'), { method: 'POST', headers: { 'content-type': type }, body });
      expect([type, res.status]).toEqual([type, 415]);
    }
    expect(await suppressionsOf(db, org.organisation.id)).toHaveLength(2);
    // Only the one-click route takes multipart: the preferences form refuses it.
    const prefs = new FormData();
    prefs.set('language', 'fr');
    const refused = await fetch(`${linkOf('typed@example.org')}/preferences`, { method: 'POST', body: prefs });
    expect(refused.status).toBe(415);
    expect(
      await db.query(`SELECT 1 FROM mailing_preferences WHERE organization_id = $1`, [org.organisation.id]),
    ).toEqual([]);
  });

  it('sends letters to targets with no List-Unsubscribe (not mailings); their writers are an audience', async () => {
    const target = await aTarget(rally, admin, { country: 'PT', language: 'en' });
    const action = await aLetterAction(rally, admin, { routing: { mode: 'country' }, sendingWindow: null });
    const form = aLetterForm({ country: 'PT' });
    expect((await postLetterJson(rally, action.slug, 'send', form)).status).toBe(202);
    const [confirm] = await rally.smtp!.waitFor(1, (m) => m.to === form.email);
    expect((await pressConfirm(confirmLink(confirm!))).status).toBe(303);
    const [letter] = await rally.smtp!.waitFor(1, (m) => m.to === target.emails![0]!.address);
    // The writer consented on the form: a letter-writers audience counts them.
    const writers = await api<{ recipients: number }>('POST', '/mailings/audience-count', {
      kind: 'letter-writers',
      actionId: action.id,
    });
    expect(writers.body.recipients).toBe(1);
    expect(rawHeader(letter!, 'List-Unsubscribe')).toBeUndefined();
    expect(rawHeader(letter!, 'List-Unsubscribe-Post')).toBeUndefined();
  });
});
