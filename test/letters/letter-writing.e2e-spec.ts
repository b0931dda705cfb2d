import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Role } from '#rally/access';
import type { StaffHandle } from '#rally-testing/organisations';
import { authOf, createOrgWithMember } from '#rally-testing/organisations';
import { aLetterAction, aLetterForm } from '#rally-testing/letters';
import { aTarget, anAreaLookup } from '#rally-testing/targets';
import { LetterActionService, PublicLetterActions } from '#rally/letters';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import { waitUntil } from '../support/processes.js';
import {
  confirmLink,
  header,
  hiddenFieldsOf,
  messageIdOf,
  postLetterForm,
  postLetterJson,
  pressConfirm,
} from './letter-helpers.js';

describe('writing to ministries: the supporter sends, confirms, and the letters reach the right targets', () => {
  let rally: RallyHarness;
  let staff: StaffHandle;
  let db: DataSource;
  beforeAll(async () => {
    rally = await startRally({
      env: {
        LETTER_RATE_IP_PER_MINUTE: '10000',
        LETTER_RATE_IP_PER_HOUR: '10000',
        LETTER_DISPATCH_MS: '200',
        LETTER_SUPPORTER_MAIL_MS: '200',
      },
    });
    staff = await createOrgWithMember(rally, { role: Role.Campaigner });
    db = rally.api.get<DataSource>(getDataSourceToken());
  });
  afterAll(() => rally.close());

  const mailsTo = (to: string, count: number, timeoutMs?: number) =>
    rally.smtp!.waitFor(count, (m) => m.to === to, timeoutMs);

  it('sends each target its letter in its language, from the supporter via the organisation, with a reply address', async () => {
    const country = 'BE';
    const fr = await aTarget(rally, staff, {
      country,
      language: 'fr',
      name: 'Ministre de la Justice',
      salutation: 'Madame la Ministre',
      body: 'SPF Justice',
    });
    const es = await aTarget(rally, staff, {
      country,
      language: 'es',
      name: 'Focal point',
      salutation: 'Dear colleague',
    });
    const action = await aLetterAction(rally, staff, { routing: { mode: 'country' } });
    await rally.api.get(LetterActionService).putTemplate(authOf(staff), action.id, 'fr', {
      subjects: ['Les enfants ne doivent pas être détenus'],
      body: '{{target.salutation}},\n\nJe suis {{supporter.fullName}}. {{target.body}} doit agir.\n\n{{supporter.paragraph}}',
    });
    const form = aLetterForm({
      country,
      postcode: '1000',
      paragraph: 'Mon neveu a été détenu {{constructor}} <b>trois</b> semaines.',
    });

    const preview = await postLetterJson(rally, action.slug, 'preview', form);
    expect(preview.status).toBe(200);
    const previewed = (await preview.json()) as {
      letters: { targetId: string; subject: string; text: string }[];
      plan: string;
    };
    expect(previewed.letters.map((l) => l.targetId).sort()).toEqual([fr.id, es.id].sort());
    const sent = await postLetterJson(rally, action.slug, 'send', { ...form, plan: previewed.plan });
    expect(sent.status).toBe(202);

    // Nothing goes before the supporter confirms.
    const [confirmation] = await mailsTo(form.email as string, 1);
    expect(confirmation!.subject).toBe('Please confirm to send your letter: Write to the minister');
    expect(confirmation!.text).toContain('Ministre de la Justice');
    expect(rally.smtp!.messages.filter((m) => m.to === fr.emails![0]!.address)).toHaveLength(0);
    expect((await pressConfirm(confirmLink(confirmation!))).status).toBe(303);

    const [toFr] = await mailsTo(fr.emails![0]!.address, 1);
    const [toEs] = await mailsTo(es.emails![0]!.address, 1);
    expect(toFr!.subject).toBe('Les enfants ne doivent pas être détenus');
    expect(toFr!.text).toContain('Madame la Ministre,');
    expect(toFr!.text).toContain('Je suis Amina Kone. SPF Justice doit agir.');
    // The supporter's words are text: never compiled, never markup.
    expect(toFr!.text).toContain('Mon neveu a été détenu {{constructor}} <b>trois</b> semaines.');
    expect(toFr!.html).toContain('{{constructor}} &lt;b&gt;trois&lt;/b&gt;');
    // No Spanish letter: the action's own language.
    expect(['Children do not belong in detention', 'Please end child detention']).toContain(toEs!.subject);
    expect(toEs!.text).toContain('Dear colleague,');
    // What the preview showed is what went.
    expect(previewed.letters.find((l) => l.targetId === es.id)!.subject).toBe(toEs!.subject);

    expect(header(toFr!, 'from')).toBe(`"Amina K. via ${staff.organisation.name}" <no-reply@rally.localhost>`);
    const replyTo = header(toFr!, 'reply-to');
    expect(replyTo).toMatch(/^reply\+1[a-z2-7]{42}@reply\.localhost$/);
    const stored = (await db.query(
      `SELECT reply_to, message_id, subject, body, status FROM letters WHERE target_id = $1`,
      [fr.id],
    )) as { reply_to: string; message_id: string; subject: string; body: string; status: string }[];
    expect(stored).toHaveLength(1);
    expect(stored[0]!.reply_to).toBe(replyTo);
    expect(messageIdOf(toFr!)).toBe(stored[0]!.message_id);
    expect(toFr!.text.trim()).toBe(stored[0]!.body.trim());

    // The supporter gets a copy of both letters.
    const [copy] = await rally.smtp!.waitFor(
      1,
      (m) => m.to === form.email && m.subject.startsWith('Your letter has been sent'),
    );
    expect(copy!.text).toContain('To: Ministre de la Justice');
    expect(copy!.text).toContain('Madame la Ministre,');
    // And is recorded with the consent they saw.
    const supporters = (await db.query(
      `SELECT s.email, c.granted, c.wording FROM supporters s JOIN supporter_consents c ON c.supporter_id = s.id WHERE s.email = $1`,
      [form.email],
    )) as { granted: boolean; wording: string }[];
    expect(supporters).toEqual([
      expect.objectContaining({ granted: true, wording: expect.stringContaining(staff.organisation.name) }),
    ]);
  });

  it('works without JavaScript: page, preview, send, thanks', async () => {
    const target = await aTarget(rally, staff, { country: 'LU', language: 'en', name: 'Minister for Children' });
    const action = await aLetterAction(rally, staff, { routing: { mode: 'country' }, title: 'Write for children' });
    const page = await fetch(`${rally.baseUrl}/l/${action.slug}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<form method="post" action="/l/' + action.slug + '/preview"');
    expect(html).toContain('Keep me informed by email');

    const form = aLetterForm({ country: 'LU' });
    const preview = await postLetterForm(rally, action.slug, 'preview', form);
    expect(preview.status).toBe(200);
    const previewHtml = await preview.text();
    expect(previewHtml).toContain('To: Minister for Children, Minister of Justice');
    const send = await postLetterForm(
      rally,
      action.slug,
      'send',
      hiddenFieldsOf(previewHtml, `/l/${action.slug}/send`),
    );
    expect(send.status).toBe(303);
    expect(send.headers.get('location')).toBe(`/l/${action.slug}/thanks`);
    const [confirmation] = await mailsTo(form.email as string, 1);
    expect((await pressConfirm(confirmLink(confirmation!))).headers.get('location')).toBe(
      `/l/${action.slug}/confirmed`,
    );
    await mailsTo(target.emails![0]!.address, 1);

    // A form sent with a forged time-to-fill stamp: said plainly, not as a link to a field the page does not have.
    const forged = await postLetterForm(rally, action.slug, 'preview', { ...form, startedAt: '1.forged' });
    expect(forged.status).toBe(422);
    const forgedHtml = await forged.text();
    expect(forgedHtml).toContain('The form was sent too quickly');
    expect(forgedHtml).not.toContain('href="#f-startedAt"');

    // "Change my letter" brings the form back with what was typed.
    const edit = await postLetterForm(
      rally,
      action.slug,
      'edit',
      hiddenFieldsOf(previewHtml, `/l/${action.slug}/edit`),
    );
    expect(await edit.text()).toContain(`value="${form.email as string}"`);
  });

  it('routes by region through the postcode lookup, and falls back when nothing matches', async () => {
    await anAreaLookup(rally, staff, { country: 'FR', postcodePrefix: '69', regionCode: 'FR-69' });
    await anAreaLookup(rally, staff, { country: 'FR', postcodePrefix: '690', regionCode: 'FR-690' });
    const lyon = await aTarget(rally, staff, {
      kind: 'parliamentarian',
      regionCodes: ['FR-690'],
      name: 'Député de Lyon',
    });
    const rhone = await aTarget(rally, staff, {
      kind: 'parliamentarian',
      regionCodes: ['FR-69'],
      name: 'Député du Rhône',
    });
    const fallback = await aTarget(rally, staff, { name: 'Ministère de la Justice', country: 'FR' });
    const action = await aLetterAction(rally, staff, {
      routing: { mode: 'region', kinds: ['parliamentarian'], fallbackTargetId: fallback.id },
    });
    const ids = async (form: Record<string, unknown>) =>
      (
        (await (await postLetterJson(rally, action.slug, 'preview', form)).json()) as {
          letters: { targetId: string }[];
        }
      ).letters.map((l) => l.targetId);
    expect(await ids(aLetterForm({ postcode: '69003' }))).toEqual([lyon.id]); // the longest prefix wins
    expect(await ids(aLetterForm({ postcode: '69100' }))).toEqual([rhone.id]);
    expect(await ids(aLetterForm({ postcode: '75001' }))).toEqual([fallback.id]);
    expect(await ids(aLetterForm({ postcode: '', region: 'FR-69' }))).toEqual([rhone.id]);
  });

  it('lets the supporter pick between min and max targets from the list, and refuses others', async () => {
    const listed = await Promise.all([1, 2, 3].map((i) => aTarget(rally, staff, { name: `Pickable ${i}` })));
    const outsider = await aTarget(rally, staff, { name: 'Not listed' });
    const action = await aLetterAction(rally, staff, {
      routing: { mode: 'pick', targetIds: listed.map((t) => t.id), min: 1, max: 2 },
    });
    const page = await (await fetch(`${rally.baseUrl}/l/${action.slug}`)).text();
    for (const t of listed) expect(page).toContain(`value="${t.id}"`);
    const preview = (targets: string[]) => postLetterJson(rally, action.slug, 'preview', aLetterForm({ targets }));
    expect((await preview([listed[0]!.id, listed[2]!.id])).status).toBe(200);
    for (const targets of [[], listed.map((t) => t.id), [outsider.id]]) {
      const answer = await preview(targets);
      expect(answer.status).toBe(422);
      expect(Object.keys(((await answer.json()) as { fields: object }).fields)).toEqual(['targets']);
    }
  });

  it('sends one letter per supporter, target and action however often they send', async () => {
    const target = await aTarget(rally, staff, { country: 'MC', language: 'en' });
    const action = await aLetterAction(rally, staff, { routing: { mode: 'country' } });
    const form = aLetterForm({ country: 'MC', email: 'twice.writer@example.org' });
    expect((await postLetterJson(rally, action.slug, 'send', form)).status).toBe(202);
    const [first] = await mailsTo('twice.writer@example.org', 1);
    expect(
      (await postLetterJson(rally, action.slug, 'send', { ...form, email: 'Twice.Writer@example.org' })).status,
    ).toBe(202);
    // The same answer, and the pending send's link again (to the address it was first given) rather than a second letter.
    const both = await mailsTo('twice.writer@example.org', 2);
    expect(both[1]!.subject).toBe('Reminder: your letter is waiting: Write to the minister');
    expect(confirmLink(both[1]!)).toBe(confirmLink(first!));
    await pressConfirm(confirmLink(first!));
    await mailsTo(target.emails![0]!.address, 1);
    const rows = (await db.query(`SELECT count(*)::int AS n FROM letters WHERE action_id = $1`, [action.id])) as {
      n: number;
    }[];
    expect(rows[0]!.n).toBe(1);
  });

  it('does not send letters confirmed after their action closed, and a used link says so', async () => {
    await aTarget(rally, staff, { country: 'IS', language: 'en' });
    const action = await aLetterAction(rally, staff, { routing: { mode: 'country' } });
    const form = aLetterForm({ country: 'IS' });
    expect((await postLetterJson(rally, action.slug, 'send', form)).status).toBe(202);
    const link = confirmLink((await mailsTo(form.email as string, 1))[0]!);
    await rally.api.get(LetterActionService).transition(authOf(staff), action.id, 'close');
    rally.api.get(PublicLetterActions).forget(action.slug);
    const closed = await pressConfirm(link);
    expect(closed.status).toBe(409);
    expect(await closed.text()).toContain('this letter action closed before you confirmed');
    await rally.api.get(LetterActionService).transition(authOf(staff), action.id, 'reopen');
    rally.api.get(PublicLetterActions).forget(action.slug);
    expect((await pressConfirm(link)).status).toBe(303);
    expect((await pressConfirm(link)).status).toBe(410);
  });

  it('answers a filled honeypot like a success and stores nothing', async () => {
    await aTarget(rally, staff, { country: 'AD', language: 'en' });
    const action = await aLetterAction(rally, staff, { routing: { mode: 'country' } });
    const form = aLetterForm({ country: 'AD', website: 'http://spam.example' });
    const answer = await postLetterJson(rally, action.slug, 'send', form);
    expect([answer.status, await answer.json()]).toEqual([202, { status: 'check-your-email' }]);
    const rows = (await db.query(`SELECT count(*)::int AS n FROM letter_submissions WHERE action_id = $1`, [
      action.id,
    ])) as { n: number }[];
    expect(rows[0]!.n).toBe(0);
  });

  it('in test mode sends every letter to the campaigner instead of the targets', async () => {
    const target = await aTarget(rally, staff, { country: 'SM', language: 'en' });
    const action = await aLetterAction(rally, staff, { routing: { mode: 'country' }, status: 'draft' });
    const service = rally.api.get(LetterActionService);
    await service.setTestMode(authOf(staff), action.id, { enabled: true });
    const form = aLetterForm({ country: 'SM' });
    expect((await postLetterJson(rally, action.slug, 'send', form)).status).toBe(202);
    await pressConfirm(confirmLink((await mailsTo(form.email as string, 1))[0]!));
    const [letter] = await mailsTo(staff.user.email, 1);
    expect(letter!.text).toContain('I ask Ministry of Justice to act.');
    await waitUntil(
      async () =>
        ((await db.query(`SELECT status FROM letters WHERE action_id = $1`, [action.id])) as { status: string }[])[0]
          ?.status === 'handed',
      10_000,
    );
    expect(rally.smtp!.messages.some((m) => m.to === target.emails![0]!.address)).toBe(false);
  });
});
