import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Role } from '#rally/access';
import type { StaffHandle } from '#rally-testing/organisations';
import { addMember, createOrgWithMember } from '#rally-testing/organisations';
import { A_LETTER, aLetterAction, aLetterForm } from '#rally-testing/letters';
import { aCampaign } from '#rally-testing/petitions';
import { aTarget } from '#rally-testing/targets';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import type { StaffApi } from '../support/staff-api.js';
import { staffApi } from '../support/staff-api.js';
import { waitUntil } from '../support/processes.js';
import { confirmLink, postLetterJson, pressConfirm } from './letter-helpers.js';

interface ActionBody {
  id: string;
  slug: string;
  status: string;
  editable: boolean;
  testMode: boolean;
  testRecipient: string | null;
  publicUrl: string;
  hourlyCap: number | null;
  sendingWindow: { startHour: number; endHour: number; weekdays: number[] } | null;
  routing: { mode: string; maxTargets: number; fallbackTargetId: string | null };
  templates: { language: string; subjects: string[]; body: string }[];
}

type Case = [field: string, value: unknown];

describe('letter actions: staff API', () => {
  let rally: RallyHarness;
  let campaigner: StaffHandle;
  let api: StaffApi;
  let db: DataSource;
  let campaignId: string;
  beforeAll(async () => {
    rally = await startRally({
      env: { LETTER_RATE_IP_PER_MINUTE: '10000', LETTER_RATE_IP_PER_HOUR: '10000', LETTER_DISPATCH_MS: '200' },
    });
    campaigner = await createOrgWithMember(rally, { role: Role.Campaigner });
    api = staffApi(rally, campaigner);
    db = rally.api.get<DataSource>(getDataSourceToken());
    campaignId = await aCampaign(rally, campaigner);
  });
  afterAll(() => rally.close());

  const valid = (): Record<string, unknown> => ({
    campaignId,
    slug: `write-${Math.random().toString(36).slice(2, 8)}`,
    title: 'Write to the minister',
    language: 'en',
    routing: { mode: 'country' },
  });

  it('creates a draft with the installation throttle defaults, saves letters, refuses to open without one', async () => {
    const created = await api<ActionBody>('POST', '/letter-actions', valid());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'draft',
      hourlyCap: 20,
      sendingWindow: { startHour: 8, endHour: 18, weekdays: [1, 2, 3, 4, 5] },
      routing: { mode: 'country', maxTargets: 5, fallbackTargetId: null },
      templates: [],
    });
    expect(created.body.publicUrl).toMatch(new RegExp(`/l/${created.body.slug}$`));
    const id = created.body.id;

    const notReady = await api('POST', `/letter-actions/${id}/open`);
    expect(notReady.status).toBe(409);
    expect(notReady.body.fields).toHaveProperty('templates');

    expect((await api('PUT', `/letter-actions/${id}/templates/en`, A_LETTER)).status).toBe(200);
    expect(
      (await api('PUT', `/letter-actions/${id}/templates/fr`, { subjects: ['Objet'], body: 'Madame,' })).status,
    ).toBe(200);
    const opened = await api<ActionBody>('POST', `/letter-actions/${id}/open`);
    expect(opened.status).toBe(201);
    expect(opened.body.status).toBe('open');
    expect(opened.body.templates.map((t) => t.language)).toEqual(['en', 'fr']);
    expect((await api('POST', `/letter-actions/${id}/open`)).status).toBe(409);
    expect((await api<ActionBody>('POST', `/letter-actions/${id}/close`)).body.status).toBe('closed');
    expect((await api<ActionBody>('POST', `/letter-actions/${id}/reopen`)).body.status).toBe('open');

    // The action's own language keeps its letter.
    expect((await api('DELETE', `/letter-actions/${id}/templates/en`)).status).toBe(422);
    expect((await api('DELETE', `/letter-actions/${id}/templates/fr`)).status).toBe(204);
    expect((await api('DELETE', `/letter-actions/${id}/templates/fr`)).status).toBe(404);

    const listed = await api<{ items: ActionBody[]; total: number }>(
      'GET',
      `/letter-actions?campaignId=${campaignId}&status=open`,
    );
    expect(listed.body.items.map((a) => a.id)).toContain(id);
    expect((await api('POST', '/letter-actions', { ...valid(), slug: created.body.slug })).status).toBe(409);
  });

  it('refuses template injection at save, with the line and column, and renders supporter text inert', async () => {
    const action = await aLetterAction(rally, campaigner);
    const refused: string[] = [];
    for (const body of [
      'Dear {{constructor.constructor "return process"}}',
      'Line one\n{{__proto__}}',
      '{{lookup this "constructor"}}',
      '{{#with constructor}}{{name}}{{/with}}',
      '{{> partial}}',
      '{{#each (lookup recommendations 0)}}x{{/each}}',
      '{{log "hello"}}',
      '{{@root.supporter}}',
      '{{supporter.[constructor]}}',
      '{{target.nme}}',
      '{{#if}}unclosed',
    ]) {
      const res = await api('PUT', `/letter-actions/${action.id}/templates/en`, { subjects: ['Hello'], body });
      const message = res.body.fields?.body?.[0] ?? '';
      if (res.status !== 422 || !/^line \d+, column \d+: /.test(message))
        refused.push(`${body} -> ${res.status} ${message}`);
    }
    expect(refused).toEqual([]);
    const second = await api('PUT', `/letter-actions/${action.id}/templates/en`, {
      subjects: ['Fine', '{{log "x"}}'],
      body: 'x',
    });
    expect(Object.keys(second.body.fields ?? {})).toEqual(['subjects.1']);
    // The saved letter is unchanged by the refused ones.
    const saved = await api<ActionBody>('GET', `/letter-actions/${action.id}`);
    expect(saved.body.templates[0]!.body).toBe(A_LETTER.body);
  });

  it('previews on the server: unsaved text, problems with their place, sample data or a chosen target', async () => {
    const target = await aTarget(rally, campaigner, { name: 'Ministry of Interior', salutation: 'Dear Minister' });
    const action = await aLetterAction(rally, campaigner);
    const sample = await api<{ subject: string; text: string; html: string; problems: unknown[] }>(
      'POST',
      `/letter-actions/${action.id}/preview`,
      {},
    );
    expect(sample.status).toBe(200);
    expect(sample.body.problems).toEqual([]);
    expect(sample.body.text).toContain('Yours sincerely');
    expect(sample.body.html).toContain('<p');
    const chosen = await api<{ text: string; targetName: string }>('POST', `/letter-actions/${action.id}/preview`, {
      targetId: target.id,
      template: {
        subjects: ['Hi {{target.name}}'],
        body: '{{target.salutation}}, {{supporter.firstName}} <b>writes</b>',
      },
      supporter: { firstName: 'Zoé' },
    });
    expect(chosen.body.targetName).toBe('Ministry of Interior');
    expect(chosen.body.text.trim()).toBe('Dear Minister, Zoé <b>writes</b>');
    const broken = await api<{
      problems: { field: string; line: number; column: number; message: string }[];
      text: null;
    }>('POST', `/letter-actions/${action.id}/preview`, {
      template: { subjects: ['ok'], body: 'Hello\n  {{supporter.fristName}}' },
    });
    expect(broken.status).toBe(200);
    expect(broken.body.text).toBeNull();
    expect(broken.body.problems).toEqual([
      expect.objectContaining({
        field: 'body',
        line: 2,
        column: 5,
        message: expect.stringContaining('supporter.firstName'),
      }),
    ]);
    const fields = await api<{ path: string; inSubject: boolean }[]>('GET', '/letter-merge-fields');
    expect(fields.body.map((f) => f.path)).toEqual(
      expect.arrayContaining(['supporter.firstName', 'target.salutation', 'code']),
    );
  });

  it('test mode sends to the member who turned it on; an API token must say where', async () => {
    const action = await aLetterAction(rally, campaigner);
    const byToken = await api('PUT', `/letter-actions/${action.id}/test-mode`, { enabled: true });
    expect(byToken.status).toBe(422);
    expect(Object.keys(byToken.body.fields ?? {})).toEqual(['recipient']);
    const session = await fetch(
      `${rally.baseUrl}/api/orgs/${campaigner.organisation.slug}/letter-actions/${action.id}/test-mode`,
      {
        method: 'PUT',
        headers: { ...campaigner.session(), 'content-type': 'application/json' },
        body: JSON.stringify({ enabled: true }),
      },
    );
    expect(((await session.json()) as ActionBody).testRecipient).toBe(campaigner.user.email);
    const off = await api<ActionBody>('PUT', `/letter-actions/${action.id}/test-mode`, { enabled: false });
    expect(off.body).toMatchObject({ testMode: false, testRecipient: null });
  });

  it('shows delivery per action, per target and per campaign, and holds near-identical letters for review', async () => {
    const target = await aTarget(rally, campaigner, { country: 'IE', language: 'en', name: 'Department of Justice' });
    const campaign = await aCampaign(rally, campaigner);
    const action = await aLetterAction(rally, campaigner, { campaignId: campaign, routing: { mode: 'country' } });
    const paragraph = 'Children should never be detained for immigration reasons; community alternatives work better.';
    const send = async (email: string, text: string) => {
      const form = aLetterForm({ country: 'IE', email, paragraph: text });
      expect((await postLetterJson(rally, action.slug, 'send', form)).status).toBe(202);
      const [mail] = await rally.smtp!.waitFor(1, (m) => m.to === email);
      await pressConfirm(confirmLink(mail!));
    };
    await send('first.writer@example.org', paragraph);
    await send('second.writer@example.org', `  ${paragraph.toUpperCase()}!! `); // the same words, dressed up
    await rally.smtp!.waitFor(1, (m) => m.to === target.emails![0]!.address);

    const delivery = await api<{
      statuses: { status: string; count: number }[];
      targets: { targetId: string; sent: number; held: number }[];
    }>('GET', `/letter-actions/${action.id}/delivery`);
    await waitUntil(async () => {
      const d = await api<{ statuses: { status: string; count: number }[] }>(
        'GET',
        `/letter-actions/${action.id}/delivery`,
      );
      return d.body.statuses.some((s) => s.status === 'sent' && s.count === 1);
    }, 10_000);
    expect(delivery.body.targets).toEqual([expect.objectContaining({ targetId: target.id, held: 1 })]);
    const held = await api<{ items: { id: string; similar: number }[] }>('GET', `/letter-actions/${action.id}/held`);
    expect(held.body.items).toEqual([expect.objectContaining({ similar: 1 })]);
    const released = await api('POST', `/letter-actions/${action.id}/submissions/${held.body.items[0]!.id}/release`);
    expect(released.body).toEqual({ letters: 1 });
    await rally.smtp!.waitFor(2, (m) => m.to === target.emails![0]!.address);

    const letters = await api<{ items: { id: string; status: string; supporterName: string }[]; total: number }>(
      'GET',
      `/letters?actionId=${action.id}`,
    );
    expect(letters.body.total).toBe(2);
    await waitUntil(async () => {
      const l = await api<{ total: number }>('GET', `/letters?actionId=${action.id}&status=sent`);
      return l.body.total === 2;
    }, 10_000);
    const one = await api<{ body: string; messageId: string; relayMessageId: string | null; status: string }>(
      'GET',
      `/letters/${letters.body.items[0]!.id}`,
    );
    expect(one.body.status).toBe('sent');
    expect(one.body.body).toContain('Yours sincerely');
    expect(one.body.relayMessageId).toMatch(/^250 /);
    const stats = await api<{
      total: number;
      sent: number;
      perDay: { letters: number }[];
      perTarget: { targetName: string }[];
    }>('GET', `/campaigns/${campaign}/letter-stats`);
    expect(stats.body).toMatchObject({ total: 2, sent: 2, perTarget: [{ targetName: 'Department of Justice' }] });
    expect(stats.body.perDay.reduce((n, d) => n + d.letters, 0)).toBe(2);
  });

  it('lets coordinators read but not change letter actions', async () => {
    const coordinator = await addMember(rally, campaigner.organisation, { role: Role.Coordinator });
    const theirs = staffApi(rally, coordinator);
    const action = await aLetterAction(rally, campaigner);
    expect((await theirs('GET', `/letter-actions/${action.id}`)).status).toBe(200);
    expect((await theirs('POST', `/letter-actions/${action.id}/preview`, {})).status).toBe(200);
    expect((await theirs('PATCH', `/letter-actions/${action.id}`, { title: 'Mine now' })).status).toBe(403);
  });

  describe('input validation: every field wrong, answered 422 naming it', () => {
    const expectNamed = async (method: string, path: string, base: Record<string, unknown>, cases: Case[]) => {
      const wrong: string[] = [];
      for (const [field, value] of cases) {
        const res = await api(method, path, { ...base, [field]: value });
        const named = Object.keys(res.body.fields ?? {});
        if (res.status !== 422 || !named.some((n) => n === field || n.startsWith(`${field}.`)))
          wrong.push(
            `${method} ${path} ${field}=${JSON.stringify(value)} -> ${res.status} ${JSON.stringify(res.body)}`,
          );
      }
      expect(wrong).toEqual([]);
    };

    it('POST /letter-actions and PATCH /letter-actions/:id', async () => {
      const cases: Case[] = [
        ['campaignId', 'nope'],
        ['slug', 'Not A Slug'],
        ['slug', 'ab'],
        ['title', ''],
        ['title', 'x'.repeat(201)],
        ['intro', 5],
        ['language', 'de'],
        ['editable', 'yes'],
        ['routing', { mode: 'telepathy' }],
        ['routing', { mode: 'pick' }],
        ['routing', { mode: 'sample', targetIds: ['not-a-uuid'] }],
        ['routing', { mode: 'responsibility' }],
        ['routing', { mode: 'country', maxTargets: 0 }],
        ['routing', { mode: 'country', fallbackTargetId: '00000000-0000-4000-8000-000000000000' }],
        ['recommendationCodes', 'R1'],
        ['sendingWindow', { startHour: 25, endHour: 18, weekdays: [1] }],
        ['sendingWindow', { startHour: 8, endHour: 18, weekdays: [] }],
        ['sendingWindow', { startHour: 8, endHour: 18, weekdays: [8] }],
        ['hourlyCap', 0],
        ['dailyCap', 1.5],
        ['template', { subjects: [], body: 'x' }],
        ['template', { subjects: ['ok'], body: '{{> partial}}' }],
        ['surprise', 1],
      ];
      await expectNamed('POST', '/letter-actions', valid(), cases);
      const action = await aLetterAction(rally, campaigner);
      await expectNamed(
        'PATCH',
        `/letter-actions/${action.id}`,
        {},
        cases.filter(([f]) => !['campaignId', 'slug', 'template'].includes(f)),
      );
    });

    it('templates, preview, test mode and list queries', async () => {
      const action = await aLetterAction(rally, campaigner);
      await expectNamed('PUT', `/letter-actions/${action.id}/templates/en`, A_LETTER, [
        ['subjects', 'one'],
        ['subjects', Array.from({ length: 11 }, () => 'x')],
        ['subjects', ['x'.repeat(301)]],
        ['body', ''],
        ['body', 'x'.repeat(20_001)],
        ['body', '{{#each}}'],
        ['surprise', true],
      ]);
      const badLanguage = await api('PUT', `/letter-actions/${action.id}/templates/de`, A_LETTER);
      expect([badLanguage.status, Object.keys(badLanguage.body.fields ?? {})]).toEqual([422, ['language']]);
      await expectNamed('POST', `/letter-actions/${action.id}/preview`, {}, [
        ['language', 'de'],
        ['targetId', 'x'],
        ['template', { subjects: 'x', body: 'y' }],
        ['supporter', { country: 'france' }],
        ['subjectIndex', 10],
      ]);
      await expectNamed('PUT', `/letter-actions/${action.id}/test-mode`, { enabled: true, recipient: 'a@b.org' }, [
        ['enabled', 'on'],
        ['recipient', 'not-an-address'],
      ]);
      for (const query of ['status=lost', 'targetId=x', 'actionId=x', 'limit=0', 'offset=-1']) {
        const res = await api('GET', `/letters?${query}`);
        expect([query, res.status, Object.keys(res.body.fields ?? {})]).toEqual([query, 422, [query.split('=')[0]]]);
      }
      for (const query of ['status=gone', 'campaignId=x', 'sort=random']) {
        const res = await api('GET', `/letter-actions?${query}`);
        expect([query, res.status, Object.keys(res.body.fields ?? {})]).toEqual([query, 422, [query.split('=')[0]]]);
      }
    });

    it('the public routes answer JSON field errors, never a 500', async () => {
      const target = await aTarget(rally, campaigner, { country: 'CY', language: 'en' });
      const action = await aLetterAction(rally, campaigner, {
        editable: true,
        template: { subjects: ['S'], body: '{{target.salutation}},\n\n{{#editable}}Please act.{{/editable}}' },
        routing: { mode: 'pick', targetIds: [target.id], min: 1, max: 1 },
      });
      const cases: Case[] = [
        ['firstName', ''],
        ['firstName', 'x'.repeat(101)],
        ['firstName', { a: 1 }],
        ['email', 'not-an-email'],
        ['email', 'someone@mailinator.com'],
        ['country', 'Narnia'],
        ['postcode', 'x'.repeat(21)],
        ['paragraph', 'x'.repeat(2_001)],
        ['paragraph', 'nul\u0000byte'],
        ['letter', 'x'.repeat(10_001)],
        ['targets', ['not-a-uuid']],
        ['startedAt', 'forged.stamp'],
        ['surprise', 1],
      ];
      for (const step of ['preview', 'send'] as const) {
        const wrong: string[] = [];
        for (const [field, value] of cases) {
          const res = await postLetterJson(rally, action.slug, step, {
            ...aLetterForm({ country: 'CY', targets: [target.id] }),
            [field]: value,
          });
          const body = (await res.json()) as { fields?: Record<string, string[]> };
          if (res.status !== 422 || !Object.keys(body.fields ?? {}).includes(field))
            wrong.push(`${step} ${field}=${JSON.stringify(value)} -> ${res.status} ${JSON.stringify(body)}`);
        }
        expect(wrong).toEqual([]);
      }
      const notJson = await fetch(`${rally.baseUrl}/l/${action.slug}/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"firstName": ',
      });
      expect(notJson.status).toBeGreaterThanOrEqual(400);
      expect(notJson.status).toBeLessThan(500);
      const rows = (await db.query(`SELECT count(*)::int AS n FROM letter_submissions WHERE action_id = $1`, [
        action.id,
      ])) as { n: number }[];
      expect(rows[0]!.n).toBe(0);
    });
  });
});
