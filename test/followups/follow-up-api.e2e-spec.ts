import { randomUUID } from 'node:crypto';
import { Role } from '#rally/access';
import { sqlRows } from '#rally/core';
import { aFollowUp, aFollowUpBody } from '#rally-testing/followups';
import type { StaffHandle } from '#rally-testing/organisations';
import { addMember, createOrgWithMember, dataSourceOf } from '#rally-testing/organisations';
import { aCampaign } from '#rally-testing/petitions';
import { aResponse } from '#rally-testing/responses';
import { aTarget } from '#rally-testing/targets';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import type { StaffApi } from '../support/staff-api.js';
import { staffApi } from '../support/staff-api.js';

interface Item {
  id: string;
  title: string;
  dueOn: string;
  status: string;
  overdue: boolean;
  ownerId: string;
  ownerName: string;
  campaignId: string | null;
  recommendations: { code: string }[];
  targets: { id: string }[];
  responses: { id: string }[];
  closedAt: string | null;
}

/** Follow-up actions over HTTP: links checked in the organisation, every bad field named, owners close their own. */
describe('follow-up actions: CRUD, links, validation, who may do what', () => {
  let rally: RallyHarness;
  let admin: StaffHandle;
  let coordinator: StaffHandle;
  let campaigner: StaffHandle;
  let stranger: StaffHandle;
  let api: StaffApi;

  beforeAll(async () => {
    rally = await startRally({ worker: false });
    admin = await createOrgWithMember(rally, { role: Role.Admin });
    coordinator = await addMember(rally, admin.organisation, { role: Role.Coordinator });
    campaigner = await addMember(rally, admin.organisation, { role: Role.Campaigner });
    stranger = await createOrgWithMember(rally, { role: Role.Admin });
    api = staffApi(rally, coordinator);
  });
  afterAll(() => rally.close());

  /** With the member's session: "mine" needs a signed-in member, a token is none. */
  async function asMember(staff: StaffHandle, method: string, path: string, body?: unknown) {
    const res = await fetch(`${rally.baseUrl}/api/orgs/${staff.organisation.slug}${path}`, {
      method,
      headers: { ...staff.session(), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  }

  it('creates a follow-up with its links, reads, filters, edits and deletes it, each change audited', async () => {
    const campaignId = await aCampaign(rally, admin);
    const target = await aTarget(rally, admin, { name: 'Ministry of Justice' });
    const response = await aResponse(rally, coordinator, { targetId: target.id, campaignId });
    const created = await api<Item>(
      'POST',
      '/follow-ups',
      aFollowUpBody(campaigner.user.id, {
        campaignId,
        recommendationCodes: ['MIG-1'],
        targetIds: [target.id],
        responseIds: [response.id],
      }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: 'Ask the Ombudsperson for a meeting on the waiting zones',
      dueOn: '2027-03-10',
      status: 'open',
      ownerId: campaigner.user.id,
      ownerName: 'Staff campaigner',
      campaignId,
      recommendations: [{ code: 'MIG-1' }],
      targets: [{ id: target.id, name: 'Ministry of Justice' }],
      responses: [{ id: response.id, stance: 'partially-committed' }],
      closedAt: null,
    });
    const id = created.body.id;
    expect((await api<Item>('GET', `/follow-ups/${id}`)).body.id).toBe(id);

    const other = await aFollowUp(rally, coordinator, { dueOn: '2027-04-02' });
    const ids = async (query: string, who: StaffApi = api) =>
      ((await who<{ items: Item[] }>('GET', `/follow-ups?${query}`)).body.items ?? []).map((i) => i.id);
    expect(await ids('')).toEqual([id, other.id]);
    expect(await ids(`ownerId=${campaigner.user.id}`)).toEqual([id]);
    expect(await ids(`campaignId=${campaignId}`)).toEqual([id]);
    expect(await ids(`targetId=${target.id}`)).toEqual([id]);
    expect(await ids('recommendationCode=MIG-1')).toEqual([id]);
    expect(await ids('dueFrom=2027-03-11&dueTo=2027-04-30')).toEqual([other.id]);
    expect(await ids('status=done')).toEqual([]);
    expect(await ids('limit=1&offset=1')).toEqual([other.id]);
    const mine = await asMember(campaigner, 'GET', '/follow-ups?mine=true');
    expect((mine.body.items as Item[]).map((i) => i.id)).toEqual([id]);
    expect(mine.body.total).toBe(1);

    const edited = await api<Item>('PATCH', `/follow-ups/${id}`, {
      title: 'Meet the Ombudsperson',
      dueOn: '2027-03-17',
      ownerId: coordinator.user.id,
      targetIds: [],
      recommendationCodes: ['MIG-1', 'MIG-2'],
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      title: 'Meet the Ombudsperson',
      dueOn: '2027-03-17',
      ownerId: coordinator.user.id,
      targets: [],
      recommendations: [{ code: 'MIG-1' }, { code: 'MIG-2' }],
      responses: [{ id: response.id }],
    });

    expect((await api('DELETE', `/follow-ups/${id}`)).status).toBe(204);
    expect((await api('GET', `/follow-ups/${id}`)).status).toBe(404);
    const audit = await sqlRows<{ action: string }>(
      dataSourceOf(rally),
      `SELECT action FROM audit_event WHERE object_id = $1 ORDER BY at, action`,
      [id],
    );
    expect(audit.map((a) => a.action)).toEqual(['follow-up.create', 'follow-up.update', 'follow-up.delete']);
  });

  it('answers every invalid field with a 422 naming it, never a 500', async () => {
    const foreignTarget = await aTarget(rally, stranger);
    const foreignResponse = await aResponse(rally, stranger);
    const foreignCampaign = await aCampaign(rally, stranger);
    const unknown = randomUUID();
    const cases: [Record<string, unknown>, string][] = [
      [{ title: '' }, 'title'],
      [{ title: '   ' }, 'title'],
      [{ title: null }, 'title'],
      [{ title: 'x'.repeat(301) }, 'title'],
      [{ title: 42 }, 'title'],
      [{ dueOn: '2027-02-30' }, 'dueOn'],
      [{ dueOn: 'tomorrow' }, 'dueOn'],
      [{ dueOn: null }, 'dueOn'],
      [{ ownerId: 'me' }, 'ownerId'],
      [{ ownerId: unknown }, 'ownerId'],
      [{ ownerId: stranger.user.id }, 'ownerId'],
      [{ note: 'x'.repeat(10_001) }, 'note'],
      [{ note: null }, 'note'],
      [{ status: 'later' }, 'status'],
      [{ campaignId: 'x' }, 'campaignId'],
      [{ campaignId: foreignCampaign }, 'campaignId'],
      [{ recommendationCodes: 'MIG-1' }, 'recommendationCodes'],
      [{ recommendationCodes: ['NOPE-9'] }, 'recommendationCodes'],
      [{ recommendationCodes: ['MIG-1', 'MIG-1'] }, 'recommendationCodes'],
      [{ targetIds: [unknown] }, 'targetIds'],
      [{ targetIds: [foreignTarget.id] }, 'targetIds'],
      [{ targetIds: ['x'] }, 'targetIds'],
      [{ responseIds: [foreignResponse.id] }, 'responseIds'],
      [{ responseIds: 'x' }, 'responseIds'],
      [{ unexpected: true }, 'unexpected'],
    ];
    for (const [override, field] of cases) {
      const res = await api('POST', '/follow-ups', aFollowUpBody(coordinator.user.id, override));
      expect([res.status, field, Object.keys(res.body.fields ?? {})]).toEqual([422, field, [field]]);
    }
    const existing = await aFollowUp(rally, coordinator);
    for (const [override, field] of [
      [{ dueOn: '2027-13-01' }, 'dueOn'],
      [{ ownerId: stranger.user.id }, 'ownerId'],
      [{ status: 'archived' }, 'status'],
      [{ title: '' }, 'title'],
      [{ responseIds: [foreignResponse.id] }, 'responseIds'],
    ] as const) {
      const res = await api('PATCH', `/follow-ups/${existing.id}`, override);
      expect([res.status, field, Object.keys(res.body.fields ?? {})]).toEqual([422, field, [field]]);
    }
    const status = await api('PUT', `/follow-ups/${existing.id}/status`, { status: 'finished' });
    expect([status.status, Object.keys(status.body.fields ?? {})]).toEqual([422, ['status']]);
    for (const [query, field] of [
      ['dueFrom=2027-13-01', 'dueFrom'],
      ['dueTo=x', 'dueTo'],
      ['status=later', 'status'],
      ['ownerId=nope', 'ownerId'],
      ['mine=perhaps', 'mine'],
      ['overdue=2', 'overdue'],
      ['mine=true', 'mine'], // an API token is no member
      ['limit=1000', 'limit'],
    ] as const) {
      const res = await api('GET', `/follow-ups?${query}`);
      expect([query, res.status, Object.keys(res.body.fields ?? {})]).toEqual([query, 422, [field]]);
    }
    const adminApi = staffApi(rally, admin);
    for (const [body, field] of [
      [{ daysBefore: [61], digest: true }, 'daysBefore'],
      [{ daysBefore: [-1], digest: true }, 'daysBefore'],
      [{ daysBefore: [3, 3], digest: true }, 'daysBefore'],
      [{ daysBefore: [1, 2, 3, 4, 5, 6], digest: true }, 'daysBefore'],
      [{ daysBefore: '3', digest: true }, 'daysBefore'],
      [{ daysBefore: [1.5], digest: true }, 'daysBefore'],
      [{ daysBefore: [3], digest: 'yes' }, 'digest'],
      [{ daysBefore: [3] }, 'digest'],
    ] as const) {
      const res = await adminApi('PUT', '/follow-up-settings', body);
      expect([res.status, field, Object.keys(res.body.fields ?? {})]).toEqual([422, field, [field]]);
    }
    for (const [who, body, field] of [
      [coordinator, { language: 'de', digest: false }, 'language'],
      [coordinator, { digest: false }, 'language'],
      [coordinator, { language: 'fr', digest: 'no' }, 'digest'],
      [campaigner, { language: null, digest: true }, 'digest'],
    ] as const) {
      const res = await asMember(who, 'PUT', '/follow-up-preferences/me', body);
      const fields = Object.keys((res.body.fields as Record<string, unknown>) ?? {});
      expect([res.status, field, fields]).toEqual([422, field, [field]]);
    }
    expect((await api('GET', '/follow-up-preferences/me')).status).toBe(422);
  });

  it('lets every member close their own follow-up, campaigners no one else’s; other organisations see 404', async () => {
    const own = await aFollowUp(rally, coordinator, { ownerId: campaigner.user.id });
    const others = await aFollowUp(rally, coordinator);
    const asCampaigner = staffApi(rally, campaigner);
    expect((await asCampaigner('POST', '/follow-ups', aFollowUpBody(campaigner.user.id))).status).toBe(403);
    expect((await asCampaigner('PATCH', `/follow-ups/${own.id}`, { title: 'x' })).status).toBe(403);
    expect((await asCampaigner('GET', `/follow-ups/${others.id}`)).status).toBe(200);
    // The owner acts through a session; a token is no one's and may close only for a coordinator or an admin.
    const done = await asMember(campaigner, 'PUT', `/follow-ups/${own.id}/status`, { status: 'done' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', overdue: false });
    expect(done.body.closedAt).toEqual(expect.any(String));
    expect((await asMember(campaigner, 'PUT', `/follow-ups/${others.id}/status`, { status: 'done' })).status).toBe(403);
    expect((await asCampaigner('PUT', `/follow-ups/${own.id}/status`, { status: 'open' })).status).toBe(403);
    const reopened = await api<Item>('PUT', `/follow-ups/${own.id}/status`, { status: 'open' });
    expect(reopened.body).toMatchObject({ status: 'open', closedAt: null });
    const cancelled = await api<Item>('PUT', `/follow-ups/${others.id}/status`, { status: 'cancelled' });
    expect(cancelled.body.status).toBe('cancelled');

    const foreign = await aFollowUp(rally, stranger);
    for (const [method, path, body] of [
      ['GET', `/follow-ups/${foreign.id}`, undefined],
      ['PATCH', `/follow-ups/${foreign.id}`, { title: 'x' }],
      ['PUT', `/follow-ups/${foreign.id}/status`, { status: 'done' }],
      ['DELETE', `/follow-ups/${foreign.id}`, undefined],
    ] as const)
      expect([method, (await api(method, path, body)).status]).toEqual([method, 404]);
    expect((await api('GET', '/follow-ups/not-an-id')).status).toBe(404);
  });

  it('keeps the reminder settings for admins and each member’s own preferences', async () => {
    const adminApi = staffApi(rally, admin);
    expect((await api('GET', '/follow-up-settings')).body).toEqual({
      daysBefore: [3],
      digest: true,
      overdueDays: [1, 8, 15],
    });
    expect((await api('PUT', '/follow-up-settings', { daysBefore: [1], digest: true })).status).toBe(403);
    const set = await adminApi('PUT', '/follow-up-settings', { daysBefore: [3, 7, 0], digest: false });
    expect(set.body).toEqual({ daysBefore: [7, 3, 0], digest: false, overdueDays: [1, 8, 15] });
    expect((await api('GET', '/follow-up-settings')).body).toMatchObject({ daysBefore: [7, 3, 0] });

    expect((await asMember(campaigner, 'GET', '/follow-up-preferences/me')).body).toEqual({
      language: null,
      effectiveLanguage: 'en',
      digest: false,
      digestAvailable: false,
    });
    const chosen = await asMember(coordinator, 'PUT', '/follow-up-preferences/me', { language: 'fr', digest: true });
    expect(chosen.body).toEqual({ language: 'fr', effectiveLanguage: 'fr', digest: true, digestAvailable: true });
    expect((await asMember(coordinator, 'GET', '/follow-up-preferences/me')).body).toMatchObject({ language: 'fr' });
  });
});
