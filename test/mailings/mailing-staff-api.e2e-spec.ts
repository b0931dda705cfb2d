import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Role } from '#rally/access';
import { MailingDispatcher } from '#rally/mailings';
import { aMailing, aSupporter } from '#rally-testing/mailings';
import type { StaffHandle } from '#rally-testing/organisations';
import { addMember, createOrgWithMember } from '#rally-testing/organisations';
import { aCampaign, aPetition } from '#rally-testing/petitions';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import { staffApi, type StaffApi } from '../support/staff-api.js';

const body = (overrides: Record<string, unknown> = {}) => ({
  name: 'Push before the debate',
  audience: { kind: 'organisation-supporters' },
  variants: [{ language: 'en', subject: 'Hello {{supporter.firstName}}', body: 'The debate is on Thursday.\n' }],
  fallbackLanguage: 'en',
  ...overrides,
});

/** The staff API of mailings: audiences and their counts, content in the safe templates, preview, test send, 4xx. */
describe('mailings: staff API', () => {
  let rally: RallyHarness;
  let admin: StaffHandle;
  let api: StaffApi;
  let db: DataSource;
  beforeAll(async () => {
    rally = await startRally({
      env: { MAILING_SCHEDULE_MS: '100000', MAILING_DISPATCH_MS: '60000', MAILING_SEND_RATE: '1' },
    });
    admin = await createOrgWithMember(rally, { role: Role.Admin });
    api = staffApi(rally, admin);
    db = rally.api.get<DataSource>(getDataSourceToken());
  });
  afterAll(() => rally.close());

  const count = async (audience: Record<string, unknown>): Promise<number> => {
    const res = await api<{ recipients: number }>('POST', '/mailings/audience-count', audience);
    expect(res.status).toBe(200);
    return res.body.recipients;
  };

  it('counts only consenting, unsuppressed supporters, with the filters applied', async () => {
    const org = admin.organisation.id;
    const campaignId = await aCampaign(rally, admin);
    const petition = await aPetition(rally, admin, { campaignId });
    const other = await aPetition(rally, admin);
    const early = new Date('2025-01-01T00:00:00Z');
    await aSupporter(rally, org, { email: 'a@example.org', country: 'FR', region: 'IDF', petitionId: petition.id });
    await aSupporter(rally, org, { email: 'b@example.org', country: 'BE', language: 'fr', petitionId: petition.id });
    await aSupporter(rally, org, { email: 'c@example.org', createdAt: early, petitionId: petition.id });
    await aSupporter(rally, org, { email: 'declined@example.org', consent: false, petitionId: petition.id });
    await aSupporter(rally, org, { email: 'other@example.org', petitionId: other.id });
    const withdrawn = await aSupporter(rally, org, { email: 'withdrawn@example.org', petitionId: petition.id });
    // A later "no" withdraws the earlier yes.
    await db.query(
      `INSERT INTO supporter_consents (organization_id, supporter_id, purpose, granted, wording, source, given_at)
       VALUES ($1, $2, 'organisation-email', false, 'Keep me informed', 'test', now() + interval '1 minute')`,
      [org, withdrawn],
    );
    const suppress = await api('POST', '/suppressions', { email: 'C@Example.org' });
    expect(suppress.status).toBe(200);
    expect((await api('POST', '/suppressions/check', { email: 'c@example.org' })).body).toEqual({ suppressed: true });

    const signers = { kind: 'petition-signers', petitionId: petition.id };
    expect(await count(signers)).toBe(2);
    expect(await count({ ...signers, filters: { countries: ['FR'] } })).toBe(1);
    expect(await count({ ...signers, filters: { regions: ['IDF'] } })).toBe(1);
    expect(await count({ ...signers, filters: { languages: ['fr'] } })).toBe(1);
    expect(await count({ ...signers, filters: { joinedAfter: '2026-01-01T00:00:00Z' } })).toBe(2);
    expect(await count({ kind: 'campaign-supporters', campaignId })).toBe(2);
    expect(await count({ kind: 'organisation-supporters' })).toBe(3);
    await addMember(rally, admin.organisation, { role: Role.Coordinator });
    expect(await count({ kind: 'staff', roles: ['admin', 'coordinator'] })).toBe(2);
    expect(await count({ kind: 'staff', roles: ['campaigner'] })).toBe(0);
  });

  it('skips a suppressed staff address given in another form, as for supporters', async () => {
    const org = await createOrgWithMember(rally, { role: Role.Admin });
    const orgApi = staffApi(rally, org);
    const jane = await addMember(rally, org.organisation, { role: Role.Coordinator, email: 'jane.doe@gmail.com' });
    await addMember(rally, org.organisation, { role: Role.Coordinator, email: 'sam@example.org' });
    // An account the staff-email backfill left as typed (another account held its identity form).
    await db.query(`UPDATE staff_user SET email = 'Jane.Doe+Rally@GMail.com' WHERE id = $1`, [jane.user.id]);
    const staffCount = async (): Promise<number> =>
      (
        await orgApi<{ recipients: number }>('POST', '/mailings/audience-count', {
          kind: 'staff',
          roles: ['coordinator'],
        })
      ).body.recipients;
    expect(await staffCount()).toBe(2);
    expect((await orgApi('POST', '/suppressions', { email: 'janedoe+news@googlemail.com' })).status).toBe(200);
    expect(await staffCount()).toBe(1);
    expect((await orgApi('POST', '/suppressions', { email: 'SAM@example.org' })).status).toBe(200);
    expect(await staffCount()).toBe(0);
  });

  it('counts and stages two staff accounts with one mailbox once', async () => {
    const org = await createOrgWithMember(rally, { role: Role.Admin });
    const orgApi = staffApi(rally, org);
    const jane = await addMember(rally, org.organisation, { role: Role.Coordinator, email: 'jane.doe@gmail.com' });
    const legacy = await addMember(rally, org.organisation, { role: Role.Coordinator, email: 'legacy@example.org' });
    // One mailbox, two accounts: what the staff-email backfill left when another account held the identity form.
    await db.query(`UPDATE staff_user SET email_normalized = 'janedoe@gmail.com' WHERE id = $1`, [jane.user.id]);
    await db.query(
      `UPDATE staff_user SET email = 'JaneDoe+Old@GMail.com', email_normalized = 'janedoe@gmail.com' WHERE id = $1`,
      [legacy.user.id],
    );
    const audience = { kind: 'staff' as const, roles: ['coordinator'] };
    const counted = await orgApi<{ recipients: number }>('POST', '/mailings/audience-count', audience);
    expect(counted.body.recipients).toBe(1);
    const mailing = await aMailing(rally, org, { audience });
    const res = await orgApi('POST', `/mailings/${mailing.id}/schedule`, {
      kind: 'once',
      at: new Date().toISOString(),
    });
    expect(res.status).toBe(200);
    expect(await db.query(`SELECT staged FROM mailing_runs WHERE mailing_id = $1`, [mailing.id])).toEqual([
      { staged: 1 },
    ]);
    // Not sent here: the rate tests below count every recipient the dispatcher hands.
    expect((await orgApi('POST', `/mailings/${mailing.id}/cancel`)).status).toBe(200);
  });

  it('answers every invalid field 4xx naming it, never 500', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [body({ name: '' }), 'name'],
      [body({ audience: { kind: 'everyone' } }), 'audience.kind'],
      [body({ audience: { kind: 'petition-signers' } }), 'audience.petitionId'],
      [
        body({ audience: { kind: 'petition-signers', petitionId: '00000000-0000-4000-8000-000000000000' } }),
        'audience.petitionId',
      ],
      [body({ audience: { kind: 'staff', roles: ['owner'] } }), 'audience.roles'],
      [
        body({ audience: { kind: 'organisation-supporters', filters: { countries: ['France'] } } }),
        'audience.filters.countries',
      ],
      [
        body({ audience: { kind: 'organisation-supporters', filters: { joinedAfter: 'yesterday' } } }),
        'audience.filters.joinedAfter',
      ],
      [body({ variants: [] }), 'variants'],
      [body({ variants: [{ language: 'de', subject: 'x', body: 'y' }] }), 'variants.0.language'],
      [body({ variants: [{ language: 'en', subject: 'Hi {{supporter.email}}', body: 'y' }] }), 'variants.0.subject'],
      [
        body({ variants: [{ language: 'en', subject: 'Hi', body: '{{#each petition}}x{{/each}}' }] }),
        'variants.0.body',
      ],
      [body({ variants: [{ language: 'en', subject: 'Hi', body: '{{> partial}}' }] }), 'variants.0.body'],
      [body({ fallbackLanguage: 'fr' }), 'fallbackLanguage'],
      [body({ unknown: 1 }), 'unknown'],
    ];
    for (const [input, field] of cases) {
      const res = await api('POST', '/mailings', input);
      expect([res.status, field, Object.keys(res.body.fields ?? {})]).toEqual([
        422,
        field,
        expect.arrayContaining([field]),
      ]);
    }
    const created = await api<{ id: string }>('POST', '/mailings', body());
    expect(created.status).toBe(201);
    const id = created.body.id;
    const schedules: [Record<string, unknown>, string][] = [
      [{ kind: 'weekly' }, 'kind'],
      [{ kind: 'once' }, 'at'],
      [{ kind: 'recurring', frequency: 'hourly', time: '09:00' }, 'frequency'],
      [{ kind: 'recurring', frequency: 'daily', time: '25:00' }, 'time'],
      [{ kind: 'recurring', frequency: 'weekly', time: '09:00', weekday: 8 }, 'weekday'],
      [{ kind: 'recurring', frequency: 'monthly', time: '09:00' }, 'dayOfMonth'],
      [{ kind: 'recurring', frequency: 'daily', time: '09:00', until: '2020-01-01T00:00:00Z' }, 'until'],
      [{ kind: 'after-signing', days: 3, time: '09:00' }, 'kind'],
      [{ kind: 'before-close', days: -1 }, 'days'],
    ];
    for (const [input, field] of schedules) {
      const res = await api('POST', `/mailings/${id}/schedule`, input);
      expect([res.status, field, Object.keys(res.body.fields ?? {})]).toEqual([
        422,
        field,
        expect.arrayContaining([field]),
      ]);
    }
    expect((await api('POST', `/mailings/${id}/preview`, { language: 'xx' })).status).toBe(422);
    expect((await api('PATCH', `/mailings/${id}`, { fallbackLanguage: 'es' })).body.fields).toHaveProperty(
      'fallbackLanguage',
    );
    expect((await api('GET', '/mailings?status=sent')).status).toBe(422);
    expect((await api('GET', '/mailings/not-a-uuid')).status).toBe(404);
  });

  it('schedules in the organisation time zone, pauses, resumes, cancels; a draft only is deleted', async () => {
    const created = await api<{ id: string }>('POST', '/mailings', body());
    const id = created.body.id;
    const scheduled = await api<{ status: string; nextRunAt: string; timeZone: string }>(
      'POST',
      `/mailings/${id}/schedule`,
      {
        kind: 'recurring',
        frequency: 'weekly',
        weekday: 1,
        time: '09:30',
      },
    );
    expect(scheduled.status).toBe(200);
    expect(scheduled.body.status).toBe('scheduled');
    expect(scheduled.body.timeZone).toBe('Europe/Paris');
    const local = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
    });
    expect(local.format(new Date(scheduled.body.nextRunAt))).toBe('Mon 09:30');
    expect((await api('DELETE', `/mailings/${id}`)).status).toBe(409);
    expect((await api<{ status: string }>('POST', `/mailings/${id}/pause`)).body.status).toBe('paused');
    expect((await api('POST', `/mailings/${id}/pause`)).status).toBe(409);
    expect((await api<{ status: string }>('POST', `/mailings/${id}/resume`)).body.status).toBe('scheduled');
    expect((await api<{ status: string; nextRunAt: null }>('POST', `/mailings/${id}/cancel`)).body).toMatchObject({
      status: 'cancelled',
      nextRunAt: null,
    });
    expect((await api('POST', `/mailings/${id}/resume`)).status).toBe(409);
    expect((await api('PATCH', `/mailings/${id}`, { name: 'x' })).status).toBe(409);
    const draft = await api<{ id: string }>('POST', '/mailings', body());
    expect((await api('DELETE', `/mailings/${draft.body.id}`)).status).toBe(204);
    const audits = (await db.query(`SELECT action FROM audit_event WHERE object_id = $1 ORDER BY at, action`, [
      id,
    ])) as { action: string }[];
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'mailing.create',
        'mailing.schedule',
        'mailing.pause',
        'mailing.resume',
        'mailing.cancel',
      ]),
    );
  });

  it('previews with the variant of the language (or the fallback), returns template problems with 200, test-sends to oneself', async () => {
    const petition = await aPetition(rally, admin, { title: 'No child in detention', goal: 20000 });
    const created = await api<{ id: string }>('POST', '/mailings', {
      ...body({
        audience: { kind: 'petition-signers', petitionId: petition.id },
        variants: [
          {
            language: 'en',
            subject: '{{petition.title}}',
            body: 'Dear {{supporter.firstName}}, {{petition.count}} of {{petition.goal}}.\n',
          },
          {
            language: 'fr',
            subject: '{{petition.title}}',
            body: 'Bonjour {{supporter.firstName}}, objectif {{petition.goal}}.\n',
          },
        ],
      }),
    });
    const id = created.body.id;
    const fr = await api<{ language: string; text: string; html: string }>('POST', `/mailings/${id}/preview`, {
      language: 'fr',
    });
    expect(fr.status).toBe(200);
    expect(fr.body.language).toBe('fr');
    expect(fr.body.text).toContain('Bonjour Amina, objectif 20\u202f000.');
    expect(fr.body.html).toContain('<html lang="fr"');
    const es = await api<{ language: string; text: string }>('POST', `/mailings/${id}/preview`, { language: 'es' });
    expect(es.body.language).toBe('en');
    expect(es.body.text).toContain('Dear Amina, 0 of 20,000.');
    const broken = await api<{ problems: { field: string; line: number }[] }>('POST', `/mailings/${id}/preview`, {
      variants: [{ language: 'en', subject: 'ok', body: 'Line one\n{{supporter.fristName}}' }],
    });
    expect(broken.status).toBe(200);
    expect(broken.body.problems[0]).toMatchObject({ field: 'variants.0.body', line: 2 });

    const res = await fetch(`${rally.baseUrl}/api/orgs/${admin.organisation.slug}/mailings/${id}/test-send`, {
      method: 'POST',
      headers: { ...admin.session(), 'content-type': 'application/json' },
      body: JSON.stringify({ language: 'fr' }),
    });
    expect(res.status).toBe(202);
    const [mail] = await rally.smtp!.waitFor(1, (m) => m.to === admin.user.email);
    expect(mail!.subject).toBe('[TEST] No child in detention');
    expect(mail!.raw).not.toMatch(/^List-Unsubscribe:/im);
  });

  it('hands recipients to the outbox at the configured rate: MAILING_SEND_RATE x MAILING_DISPATCH_MS per tick', async () => {
    const org = await createOrgWithMember(rally, { role: Role.Admin });
    const petition = await aPetition(rally, org);
    for (let i = 0; i < 100; i += 1)
      await aSupporter(rally, org.organisation.id, { email: `rate-${i}@example.org`, petitionId: petition.id });
    const mailing = await aMailing(rally, org, { audience: { kind: 'petition-signers', petitionId: petition.id } });
    const res = await staffApi(rally, org)('POST', `/mailings/${mailing.id}/schedule`, {
      kind: 'once',
      at: new Date().toISOString(),
    });
    expect(res.status).toBe(200);
    const dispatcher = rally.worker!.get(MailingDispatcher);
    // 1 message a second, a tick a minute: 60 a tick.
    expect((await dispatcher.tick()).handed).toBe(60);
    expect((await dispatcher.tick()).handed).toBe(40);
    expect((await dispatcher.tick()).handed).toBe(0);
  });

  it('pause holds a run being sent, resume continues it, cancel skips what was not handed', async () => {
    const org = await createOrgWithMember(rally, { role: Role.Admin });
    const orgApi = staffApi(rally, org);
    const petition = await aPetition(rally, org);
    for (let i = 0; i < 100; i += 1)
      await aSupporter(rally, org.organisation.id, { email: `pause-${i}@example.org`, petitionId: petition.id });
    const dispatcher = rally.worker!.get(MailingDispatcher);
    const sendNow = async (): Promise<string> => {
      const mailing = await aMailing(rally, org, { audience: { kind: 'petition-signers', petitionId: petition.id } });
      await orgApi('POST', `/mailings/${mailing.id}/schedule`, { kind: 'once', at: new Date().toISOString() });
      return mailing.id;
    };
    const paused = await sendNow();
    expect((await dispatcher.tick()).handed).toBe(60);
    expect((await orgApi<{ status: string }>('POST', `/mailings/${paused}/pause`)).body.status).toBe('paused');
    expect((await dispatcher.tick()).handed).toBe(0);
    expect((await orgApi<{ status: string }>('POST', `/mailings/${paused}/resume`)).body.status).toBe('scheduled');
    expect((await dispatcher.tick()).handed).toBe(40);

    const cancelled = await sendNow();
    expect((await dispatcher.tick()).handed).toBe(60);
    expect((await orgApi<{ status: string }>('POST', `/mailings/${cancelled}/cancel`)).body.status).toBe('cancelled');
    expect((await dispatcher.tick()).handed).toBe(0);
    const runs = await orgApi<{ items: { status: string; progress: { staged: number; skipped: number } }[] }>(
      'GET',
      `/mailings/${cancelled}/runs`,
    );
    expect(runs.body.items[0]).toMatchObject({ status: 'cancelled', progress: { staged: 100, skipped: 40 } });
  });
});
