import { Role } from '#rally/access';
import { aSignForm } from '#rally-testing/petitions';
import type { StaffHandle } from '#rally-testing/organisations';
import { addMember, createOrgWithMember } from '#rally-testing/organisations';
import { PetitionJob } from '#rally/petitions';
import { jobRuns, startRally, type RallyHarness } from '../support/rally-harness.js';
import { confirmLink, pressConfirm, mailsTo, postForm, publicCount, waitForCount } from './petition-helpers.js';

describe('petition staff API', () => {
  let rally: RallyHarness;
  let admin: StaffHandle;
  let other: StaffHandle;
  beforeAll(async () => {
    rally = await startRally({
      env: {
        SIGN_RATE_IP_PER_MINUTE: '10000',
        SIGN_RATE_IP_PER_HOUR: '10000',
        SIGNATURE_MAIL_POLL_MS: '200',
        PETITION_COUNT_FLUSH_MS: '200',
        PETITION_COUNT_CACHE_MS: '200',
        PETITION_CLOSE_CHECK_SECONDS: '1',
      },
    });
    admin = await createOrgWithMember(rally, { role: Role.Admin });
    other = await createOrgWithMember(rally, { role: Role.Admin });
  });
  afterAll(() => rally.close());

  const call = async (
    staff: StaffHandle,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> & { fields?: Record<string, string[]> } }> => {
    const res = await fetch(`${rally.baseUrl}/api/orgs/${staff.organisation.slug}${path}`, {
      method,
      headers: { ...staff.bearer(), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  const newPetition = async (staff: StaffHandle, extra: Record<string, unknown> = {}) => {
    const campaign = await call(staff, 'POST', '/campaigns', { name: 'Alternatives to detention' });
    expect(campaign.status).toBe(201);
    const slug = `api-${Math.random().toString(36).slice(2, 10)}`;
    const created = await call(staff, 'POST', '/petitions', {
      campaignId: campaign.body.id,
      slug,
      title: 'Close the centres',
      ask: 'We ask the ministry to close the detention centres.',
      goal: 10,
      milestones: [3, 2],
      language: 'en',
      ...extra,
    });
    expect(created.status).toBe(201);
    return created.body as { id: string; slug: string; status: string; milestones: number[] };
  };

  it('creates a campaign and a draft petition, then moves it through its lifecycle (reopen allowed)', async () => {
    const petition = await newPetition(admin);
    expect(petition).toMatchObject({ status: 'draft', milestones: [2, 3] });
    expect((await call(admin, 'POST', `/petitions/${petition.id}/deliver`)).status).toBe(409);
    expect((await call(admin, 'POST', `/petitions/${petition.id}/open`)).body.status).toBe('open');
    expect((await call(admin, 'POST', `/petitions/${petition.id}/close`)).body.status).toBe('closed');
    expect((await call(admin, 'POST', `/petitions/${petition.id}/reopen`)).body.status).toBe('open');
    expect((await call(admin, 'POST', `/petitions/${petition.id}/close`)).body.status).toBe('closed');
    expect((await call(admin, 'POST', `/petitions/${petition.id}/deliver`)).body.status).toBe('delivered');
    expect((await call(admin, 'POST', `/petitions/${petition.id}/reopen`)).status).toBe(409);
  });

  it('names each invalid field with 422, and refuses a taken slug with 409', async () => {
    const campaign = await call(admin, 'POST', '/campaigns', { name: 'X' });
    const valid = {
      campaignId: campaign.body.id,
      slug: 'valid-slug-1',
      title: 'A title',
      ask: 'An ask long enough.',
      goal: 10,
      language: 'en',
    };
    for (const [field, value] of [
      ['slug', 'Not A Slug'],
      ['goal', 0],
      ['language', 'de'],
      ['closesAt', '2001-01-01T00:00:00Z'],
      ['milestones', ['x']],
      ['campaignId', 'nope'],
      ['ask', 'An ask with a \u0000 NUL in it.'],
    ] as const) {
      const res = await call(admin, 'POST', '/petitions', { ...valid, [field]: value });
      expect([res.status, Object.keys(res.body.fields ?? {})]).toEqual([422, [field]]);
    }
    expect((await call(admin, 'POST', '/petitions', valid)).status).toBe(201);
    const taken = await call(admin, 'POST', '/petitions', valid);
    expect([taken.status, taken.body.error]).toEqual([409, 'petition_slug_taken']);
  });

  it('updates only the fields sent, validates them, keeps the address fixed, and removes a close date with null', async () => {
    const petition = await newPetition(admin, { closesAt: '2031-01-01T00:00:00.000Z' });
    const bad = await call(admin, 'PATCH', `/petitions/${petition.id}`, { title: 'x', goal: 0, slug: 'new-address' });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.fields ?? {}).sort()).toEqual(['goal', 'slug', 'title']);
    const ok = await call(admin, 'PATCH', `/petitions/${petition.id}`, { title: 'Close every centre', closesAt: null });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ title: 'Close every centre', slug: petition.slug, goal: 10, closesAt: null });
  });

  it('lists petitions a page at a time, filtered by campaign, status and text, with one list shape', async () => {
    const staff = await createOrgWithMember(rally, { role: Role.Campaigner });
    const campaign = (await call(staff, 'POST', '/campaigns', { name: 'Listing' })).body.id as string;
    const other = (await call(staff, 'POST', '/campaigns', { name: 'Elsewhere' })).body.id as string;
    for (const [title, campaignId] of [
      ['Close the centres', campaign],
      ['Fund alternatives', campaign],
      ['Close the borders to detention', other],
    ] as const) {
      const slug = `list-${Math.random().toString(36).slice(2, 10)}`;
      expect(
        (
          await call(staff, 'POST', '/petitions', {
            campaignId,
            slug,
            title,
            ask: 'We ask the ministry to act now.',
            goal: 10,
            language: 'en',
          })
        ).status,
      ).toBe(201);
    }
    const opened = (await call(staff, 'GET', `/petitions?q=fund`)).body.items as { id: string }[];
    await call(staff, 'POST', `/petitions/${opened[0].id}/open`);
    const list = async (query: string) =>
      (await call(staff, 'GET', `/petitions${query}`)).body as {
        items: { title: string }[];
        total: number;
        limit: number;
        offset: number;
      };

    expect(await list('?limit=2')).toMatchObject({ total: 3, limit: 2, offset: 0, items: [{}, {}] });
    expect((await list('?limit=2&offset=2')).items).toHaveLength(1);
    expect((await list(`?campaignId=${campaign}&sort=title`)).items.map((p) => p.title)).toEqual([
      'Close the centres',
      'Fund alternatives',
    ]);
    expect((await list('?status=open')).items.map((p) => p.title)).toEqual(['Fund alternatives']);
    expect((await list('?q=CLOSE&sort=title')).items.map((p) => p.title)).toEqual([
      'Close the borders to detention',
      'Close the centres',
    ]);
    expect((await list('?q=100%25')).total).toBe(0); // a % is a character, not a wildcard
    const campaigns = (await call(staff, 'GET', '/campaigns?sort=name')).body as {
      items: { name: string }[];
      total: number;
    };
    expect([campaigns.total, campaigns.items.map((c) => c.name)]).toEqual([2, ['Elsewhere', 'Listing']]);
    for (const [query, field] of [
      ['?status=lost', 'status'],
      ['?limit=0', 'limit'],
      ['?sort=random', 'sort'],
      ['?offset=-1', 'offset'],
    ])
      expect([query, (await call(staff, 'GET', `/petitions${query}`)).body.fields]).toEqual([
        query,
        { [field]: expect.any(Array) },
      ]);
  });

  it('a malformed id is a 404 naming the petition, and a malformed campaignId filter a 422, never a 500', async () => {
    const missing = await call(admin, 'GET', '/petitions/not-a-uuid');
    expect([missing.status, missing.body.error]).toEqual([404, 'petition_not_found']);
    const filter = await call(admin, 'GET', `/petitions?campaignId=${'-'.repeat(36)}`);
    expect([filter.status, Object.keys(filter.body.fields ?? {})]).toEqual([422, ['campaignId']]);
  });

  it("another organisation's petition and campaign answer 404, and a coordinator may read but not create", async () => {
    const petition = await newPetition(admin);
    expect((await call(other, 'GET', `/petitions/${petition.id}`)).status).toBe(404);
    expect((await call(other, 'POST', `/petitions/${petition.id}/open`)).status).toBe(404);
    expect((await call(other, 'GET', `/petitions/${petition.id}/signatures.csv`)).status).toBe(404);
    expect(
      (await call(other, 'POST', `/petitions/${petition.id}/paper-signatures`, { count: 5, sourceNote: 'sneaky' }))
        .status,
    ).toBe(404);
    const foreignCampaign = await call(other, 'POST', '/campaigns', { name: 'Theirs' });
    expect(
      (
        await call(admin, 'POST', '/petitions', {
          campaignId: foreignCampaign.body.id,
          slug: 'borrowed',
          title: 'Borrowed',
          ask: 'Using their campaign.',
          goal: 5,
          language: 'en',
        })
      ).status,
    ).toBe(404);
    const coordinator = await addMember(rally, admin.organisation, { role: Role.Coordinator });
    expect((await call(coordinator, 'GET', `/petitions/${petition.id}`)).status).toBe(200);
    expect((await call(coordinator, 'POST', `/petitions/${petition.id}/close`)).status).toBe(403);
    expect((await call(coordinator, 'GET', `/petitions/${petition.id}/signatures.csv`)).status).toBe(403);
  });

  it('counts paper signatures apart, by region and country, notifies milestones once, and exports confirmed signatures as CSV', async () => {
    const petition = await newPetition(admin);
    await call(admin, 'POST', `/petitions/${petition.id}/open`);
    const signers = [
      aSignForm({ region: 'Bretagne', country: 'FR', comment: '=cmd()' }),
      aSignForm({ region: 'Bretagne', country: 'FR' }),
      aSignForm({ region: 'Catalunya', country: 'ES', source: 'newsletter' }),
    ];
    for (const form of signers) await postForm(rally, petition.slug, form);
    for (const form of signers.slice(0, 2)) await pressConfirm(confirmLink((await mailsTo(rally, form.email, 1))[0]));
    await mailsTo(rally, signers[2].email, 1); // pending: never counted, never exported
    await waitForCount(rally, petition.slug, 2);

    const paper = await call(admin, 'POST', `/petitions/${petition.id}/paper-signatures`, {
      count: 7,
      sourceNote: 'Book fair stall',
    });
    expect(paper.status).toBe(201);
    await waitForCount(rally, petition.slug, 9);
    expect(await publicCount(rally, petition.slug)).toMatchObject({ count: 9, online: 2, paper: 7 });
    const report = await call(admin, 'GET', `/petitions/${petition.id}/counts`);
    expect(report.body).toEqual({
      total: 9,
      online: 2,
      paper: 7,
      byRegion: [{ region: 'Bretagne', count: 2 }],
      byCountry: [{ country: 'FR', count: 2 }],
    });
    // The chart's per-day counts: 30 days ending today in the organisation's time zone, today holding both.
    const perDay = await call(admin, 'GET', `/petitions/${petition.id}/signatures-per-day`);
    const days = perDay.body.days as { date: string; count: number }[];
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: admin.organisation.timeZone }).format(new Date());
    expect([perDay.body.timeZone, days.length, days[29], days.slice(0, 29).every((d) => d.count === 0)]).toEqual([
      admin.organisation.timeZone,
      30,
      { date: today, count: 2 },
      true,
    ]);
    expect(
      ((await call(admin, 'GET', `/petitions/${petition.id}/signatures-per-day?days=90`)).body.days as unknown[])
        .length,
    ).toBe(90);
    expect((await call(admin, 'GET', `/petitions/${petition.id}/signatures-per-day?days=7`)).status).toBe(422);

    // Milestones 2 and 3 were both passed: one mail each to the admin, never repeated.
    const milestones = await mailsTo(
      rally,
      admin.user.email,
      2,
      new RegExp(`Milestone reached: \\d signatures on Close the centres`),
    );
    await jobRuns(rally, PetitionJob.CountFlush, 2); // later flushes of the same counts announce nothing again
    expect(
      rally.smtp!.messages.filter(
        (m) => m.to === admin.user.email && /Milestone/.test(m.subject) && m.text.includes(`/p/${petition.slug}`),
      ),
    ).toHaveLength(2);
    expect(milestones.map((m) => m.subject).sort()).toEqual([
      'Milestone reached: 2 signatures on Close the centres',
      'Milestone reached: 3 signatures on Close the centres',
    ]);

    const csv = await fetch(
      `${rally.baseUrl}/api/orgs/${admin.organisation.slug}/petitions/${petition.id}/signatures.csv`,
      { headers: admin.bearer() },
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^first_name,last_name,email,/);
    expect(lines).toHaveLength(3);
    expect(lines.join('\n')).toContain(signers[0].email);
    expect(lines.join('\n')).not.toContain(signers[2].email);
    expect(lines.join('\n')).toContain("'=cmd()");
  });

  it('closes a petition at its close date and tells its staff', async () => {
    const petition = await newPetition(admin, { closesAt: new Date(Date.now() + 1_500).toISOString() });
    await call(admin, 'POST', `/petitions/${petition.id}/open`);
    const [mail] = await mailsTo(rally, admin.user.email, 1, /Petition closed: Close the centres/);
    expect(mail.text).toContain('0 signatures');
    expect((await call(admin, 'GET', `/petitions/${petition.id}`)).body.status).toBe('closed');
    const reopened = await call(admin, 'POST', `/petitions/${petition.id}/reopen`);
    expect([reopened.status, Object.keys(reopened.body.fields ?? {})]).toEqual([409, ['closesAt']]);
  });
});
