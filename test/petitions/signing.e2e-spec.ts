import { DataSource } from 'typeorm';
import { Role } from '#rally/access';
import { PetitionCountCache, PetitionJob } from '#rally/petitions';
import { aPetition, aSignForm } from '#rally-testing/petitions';
import type { StaffHandle } from '#rally-testing/organisations';
import { createOrgWithMember } from '#rally-testing/organisations';
import { jobRuns, startRally, type RallyHarness } from '../support/rally-harness.js';
import { waitUntil } from '../support/processes.js';
import {
  confirmLink,
  pressConfirm,
  mailsTo,
  postForm,
  postJson,
  publicCount,
  waitForCount,
} from './petition-helpers.js';

describe('signing a petition: double opt-in, dedupe, reminders, closed petitions, field errors', () => {
  let rally: RallyHarness;
  let staff: StaffHandle;
  let db: DataSource;
  beforeAll(async () => {
    rally = await startRally({
      env: {
        SIGN_RATE_IP_PER_MINUTE: '10000',
        SIGN_RATE_IP_PER_HOUR: '10000',
        SIGNATURE_REMINDER_SECONDS: '2',
        SIGNATURE_MAIL_POLL_MS: '200',
        PETITION_COUNT_FLUSH_MS: '200',
        PETITION_COUNT_CACHE_MS: '200',
      },
    });
    staff = await createOrgWithMember(rally, { role: Role.Campaigner, organisation: { name: 'Child Rights Now' } });
    db = rally.api.get(DataSource);
  });
  afterAll(() => rally.close());

  const signatureRows = async (petitionId: string) =>
    (await db.query(
      `SELECT status, email, source, referrer, consent_given, consent_wording FROM signatures WHERE petition_id = $1`,
      [petitionId],
    )) as {
      status: string;
      email: string;
      source: string | null;
      referrer: string | null;
      consent_given: boolean;
      consent_wording: string;
    }[];

  it('sign -> confirmation mail over SMTP -> follow the link -> counted once, with the supporter and consent recorded', async () => {
    const petition = await aPetition(rally, staff, { milestones: [1] });
    const form = aSignForm({ source: 'twitter', referrer: 'https://social.example/post/1' });
    const res = await postForm(rally, petition.slug, form);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/p/${petition.slug}/thanks`);
    expect(await signatureRows(petition.id)).toEqual([
      expect.objectContaining({
        status: 'pending',
        source: 'twitter',
        referrer: 'https://social.example/post/1',
        consent_given: true,
      }),
    ]);
    expect((await publicCount(rally, petition.slug)).count).toBe(0);

    const [mail] = await mailsTo(rally, form.email, 1, /confirm your signature/i);
    expect(mail.text).toContain('Free the children');
    // Opening the link (as a mail scanner would, GET or HEAD) changes nothing: it shows a page with one button.
    const opened = await fetch(confirmLink(mail), { redirect: 'manual' });
    expect(opened.status).toBe(200);
    expect(opened.headers.get('cache-control')).toBe('no-store');
    expect(opened.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await opened.text();
    expect(html).toContain('Confirm your signature');
    expect(html).toMatch(/<form method="post" action="\/p\/[^"]+\/confirm\/[^"]+"/);
    expect((await fetch(confirmLink(mail), { method: 'HEAD', redirect: 'manual' })).status).toBe(200);
    expect(await signatureRows(petition.id)).toEqual([expect.objectContaining({ status: 'pending' })]);
    const followed = await pressConfirm(confirmLink(mail));
    expect(followed.status).toBe(303);
    expect(followed.headers.get('location')).toBe(`/p/${petition.slug}/confirmed`);
    await waitForCount(rally, petition.slug, 1);

    // Single use: opening it again, or pressing again, changes nothing and says so.
    expect((await fetch(confirmLink(mail), { redirect: 'manual' })).status).toBe(410);
    expect((await fetch(confirmLink(mail), { method: 'POST', redirect: 'manual' })).status).toBe(410);
    const [supporter] = (await db.query(
      `SELECT s.email, c.granted, c.wording, c.source FROM supporters s JOIN supporter_consents c ON c.supporter_id = s.id WHERE s.organization_id = $1`,
      [staff.organisation.id],
    )) as Record<string, unknown>[];
    expect(supporter).toEqual({
      email: form.email,
      granted: true,
      wording: expect.stringContaining('Child Rights Now may email me'),
      source: `petition:${petition.id}`,
    });

    // The milestone of 1 signature notifies the petition's staff, once.
    const milestone = await mailsTo(rally, staff.user.email, 1, /Milestone reached/);
    expect(milestone[0].text).toContain('Free the children');
  });

  it('signing again with the same email (other case, Gmail alias) creates nothing, answers the same, and mails the person', async () => {
    const petition = await aPetition(rally, staff);
    const first = aSignForm({ email: 'sam.doe@gmail.com' });
    expect((await postForm(rally, petition.slug, first)).status).toBe(303);
    const [mail] = await mailsTo(rally, 'sam.doe@gmail.com', 1, /confirm/i);
    await pressConfirm(confirmLink(mail));
    await waitForCount(rally, petition.slug, 1);

    const again = await postForm(rally, petition.slug, aSignForm({ email: 'Sam.Doe+petition@GMAIL.com' }));
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(`/p/${petition.slug}/thanks`);
    // The notice goes to the address that signed first: the same mailbox, never a second signature.
    const notice = await mailsTo(rally, 'sam.doe@gmail.com', 1, /already signed/i);
    expect(notice[0].text).toContain('already confirmed');
    expect(await signatureRows(petition.id)).toHaveLength(1);
    await jobRuns(rally, PetitionJob.CountFlush, 2); // two folds after the second attempt: still counted once
    await rally.api.get(PetitionCountCache).refresh();
    expect((await publicCount(rally, petition.slug)).count).toBe(1);
  });

  it('reminds a pending signer twice, then stops', async () => {
    const petition = await aPetition(rally, staff, { language: 'fr' });
    const form = aSignForm();
    await postForm(rally, petition.slug, form);
    const mails = await mailsTo(rally, form.email, 3);
    expect(mails.map((m) => m.subject)).toEqual([
      'Confirmez votre signature : Free the children',
      'Rappel : confirmez votre signature : Free the children',
      'Rappel : confirmez votre signature : Free the children',
    ]);
    // Then it stops: the row owes nothing more (no next mail due), so no job run can send a fourth.
    await waitUntil(
      async () =>
        (
          (await db.query(`SELECT next_mail_at FROM signatures WHERE petition_id = $1`, [petition.id])) as {
            next_mail_at: Date | null;
          }[]
        )[0]?.next_mail_at === null,
      10_000,
    );
    expect(await db.query(`SELECT mails_sent FROM signatures WHERE petition_id = $1`, [petition.id])).toEqual([
      { mails_sent: 3 },
    ]);
    expect(rally.smtp!.messages.filter((m) => m.to === form.email)).toHaveLength(3);
    // The reminder's link still works.
    expect((await pressConfirm(confirmLink(mails[2]))).status).toBe(303);
    await waitForCount(rally, petition.slug, 1);
  });

  it('a closed petition says so and refuses signatures', async () => {
    const petition = await aPetition(rally, staff, { status: 'closed' });
    const page = await fetch(`${rally.baseUrl}/p/${petition.slug}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('This petition is closed');
    expect(html).not.toContain('<form');
    const json = await postJson(rally, petition.slug, aSignForm());
    expect(json.status).toBe(409);
    expect(await json.json()).toMatchObject({ error: 'petition_not_open' });
    expect((await postForm(rally, petition.slug, aSignForm())).status).toBe(409);
    expect(await signatureRows(petition.id)).toEqual([]);
  });

  it('a draft petition is not signable either', async () => {
    const petition = await aPetition(rally, staff, { status: 'draft' });
    expect(await (await fetch(`${rally.baseUrl}/p/${petition.slug}`)).text()).toContain(
      'This petition is not open yet',
    );
    expect((await postJson(rally, petition.slug, aSignForm())).status).toBe(409);
  });

  it.each([
    ['firstName', { firstName: '' }],
    ['email', { email: 'nobody-at-example.org' }],
    ['email', { email: 'throwaway@mailinator.com' }],
    ['country', { country: 'ZZ' }],
    ['comment', { comment: 'x'.repeat(1001) }],
    ['postcode', { postcode: '1'.repeat(21) }],
    ['startedAt', { startedAt: String(Date.now() + 3_600_000) }],
    ['surprise', { surprise: 'field' }],
    ['firstName', { firstName: 'A\u0000na' }],
    ['comment', { comment: 'nul \u0000 inside' }],
  ])('an invalid %s is answered 422 naming it (JSON) and re-rendered with the error (form)', async (field, patch) => {
    const petition = await aPetition(rally, staff);
    const json = await postJson(rally, petition.slug, aSignForm(patch));
    expect(json.status).toBe(422);
    expect(Object.keys(((await json.json()) as { fields: Record<string, string[]> }).fields)).toEqual([field]);
    const form = await postForm(rally, petition.slug, aSignForm(patch));
    expect(form.status).toBe(422);
    const html = await form.text();
    expect(html).toContain(`href="#f-${field}"`);
    expect(await signatureRows(petition.id)).toEqual([]);
  });

  it('half a surrogate pair (only sendable as a JSON escape) is answered 422 naming the field, never a 500', async () => {
    const petition = await aPetition(rally, staff);
    const res = await postJson(rally, petition.slug, aSignForm({ lastName: 'Diallo \uD800' }));
    expect(res.status).toBe(422);
    expect(Object.keys(((await res.json()) as { fields: Record<string, string[]> }).fields)).toEqual(['lastName']);
    expect(await signatureRows(petition.id)).toEqual([]);
  });

  it('a filled honeypot looks like success and stores nothing', async () => {
    const petition = await aPetition(rally, staff);
    const res = await postForm(rally, petition.slug, aSignForm({ website: 'http://spam.example' }));
    expect(res.status).toBe(303);
    expect(await signatureRows(petition.id)).toEqual([]);
  });

  it('a confirmation link whose signature id only looks like a UUID is invalid (410), never a 500', async () => {
    const petition = await aPetition(rally, staff);
    for (const [id, method] of ['-'.repeat(36), 'abcdefab-cdef-abcd-efab-cdefabcdefab-'].flatMap((i) => [
      [i, 'GET'],
      [i, 'POST'],
    ])) {
      expect(
        (await fetch(`${rally.baseUrl}/p/${petition.slug}/confirm/${id}/token`, { method, redirect: 'manual' })).status,
      ).toBe(410);
    }
  });

  it('unknown petitions are 404 on every public route', async () => {
    expect((await fetch(`${rally.baseUrl}/p/no-such-petition`)).status).toBe(404);
    expect((await fetch(`${rally.baseUrl}/p/no-such-petition/count.json`)).status).toBe(404);
    expect((await postJson(rally, 'no-such-petition', aSignForm())).status).toBe(404);
  });

  it('renders the page in the petition language, escapes petition text, and shows consenting signers only by first name and region', async () => {
    const petition = await aPetition(rally, staff, { language: 'es', title: '<script>alert(1)</script> Libertad' });
    const shown = aSignForm({ firstName: 'Lucía', lastName: 'Secreta', region: 'Andalucía' });
    const hidden = aSignForm({ firstName: 'Oculto', publicDisplay: '' });
    for (const form of [shown, hidden]) {
      await postForm(rally, petition.slug, form);
      await pressConfirm(confirmLink((await mailsTo(rally, form.email, 1))[0]));
    }
    await waitForCount(rally, petition.slug, 2);
    // Recent signers are cached for a few seconds: wait until the page shows the new one.
    let html = '';
    await waitUntil(
      async () =>
        (html = await (await fetch(`${rally.baseUrl}/p/${petition.slug}`)).text()).includes('Lucía, Andalucía'),
      15_000,
      250,
    );
    expect(html).toContain('<html lang="es"');
    expect(html).toContain('Firma esta petición');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('Lucía, Andalucía');
    expect(html).not.toContain('Secreta');
    expect(html).not.toContain('Oculto');
    expect(html).not.toContain(shown.email);
  });

  it('count.json is embeddable: CORS, cache headers, online and paper apart', async () => {
    const petition = await aPetition(rally, staff);
    const res = await fetch(`${rally.baseUrl}/p/${petition.slug}/count.json`);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect(await res.json()).toMatchObject({
      slug: petition.slug,
      count: 0,
      online: 0,
      paper: 0,
      goal: 100,
      status: 'open',
    });
    const widget = await fetch(`${rally.baseUrl}/p/assets/widget.js`);
    expect(widget.headers.get('content-type')).toMatch(/javascript/);
    expect(widget.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });
});

describe('signing rate limits', () => {
  let rally: RallyHarness;
  beforeAll(async () => {
    rally = await startRally({ worker: false, env: { SIGN_RATE_IP_PER_MINUTE: '3' } });
  });
  afterAll(() => rally.close());

  it('answers 429 with Retry-After once an IP is over its burst limit, as JSON and as a page', async () => {
    const staff = await createOrgWithMember(rally);
    const petition = await aPetition(rally, staff);
    for (let i = 0; i < 3; i++) expect((await postJson(rally, petition.slug, aSignForm())).status).toBe(202);
    const limited = await postJson(rally, petition.slug, aSignForm());
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const page = await postForm(rally, petition.slug, aSignForm());
    expect(page.status).toBe(429);
    expect(page.headers.get('retry-after')).toBeTruthy();
    expect(await page.text()).toContain('Too many signatures were sent from your connection');
    // The same refusal on a French petition's page is in French.
    const french = await aPetition(rally, staff, { language: 'fr' });
    const frenchPage = await postForm(rally, french.slug, aSignForm());
    expect(frenchPage.status).toBe(429);
    expect(await frenchPage.text()).toContain('Trop de signatures ont été envoyées depuis votre connexion');
  });
});
