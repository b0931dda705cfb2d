import type { DataSource } from 'typeorm';
import { Role } from '#rally/access';
import type { StaffHandle } from '#rally-testing/organisations';
import { addMember, createOrgWithMember, dataSourceOf, TEST_PASSWORD } from '#rally-testing/organisations';
import type { RallyHarness } from '../support/rally-harness.js';
import { startRally } from '../support/rally-harness.js';
import { call, cookiesOf, tokenFromMail } from './staff-helpers.js';

describe('organisation administration: invitations, API tokens, members, audit log', () => {
  let rally: RallyHarness;
  let db: DataSource;
  let admin: StaffHandle;
  let base: string;

  beforeAll(async () => {
    rally = await startRally();
    db = dataSourceOf(rally);
    admin = await createOrgWithMember(rally, { role: Role.Admin, organisation: { name: 'Child Rights & Co' } });
    base = `/api/orgs/${admin.organisation.slug}`;
  });
  afterAll(() => rally.close());

  const invite = async (email: string, role: Role) => {
    const res = await call<{ id: string; state: string }>(rally, 'POST', `${base}/invitations`, {
      headers: admin.session(),
      body: { email, role },
    });
    expect(res.status).toBe(201);
    const [mail] = await rally.smtp!.waitFor(1, (m) => m.to === email.toLowerCase());
    return { id: res.body.id, token: tokenFromMail(mail.text), mail };
  };

  it('invites a new person who sets a password through the single-use link and joins with the invited role', async () => {
    const { token, mail } = await invite('New.Person@example.org', Role.Coordinator);
    expect(mail.subject).toContain('Child Rights & Co');
    expect(mail.text).toContain(
      `${rally.baseUrl}/console/invitation?lang=${admin.organisation.defaultLanguage}#token=${token}`,
    );
    const preview = await call(rally, 'POST', '/api/auth/invitations/preview', { body: { token } });
    expect(preview.body).toMatchObject({
      email: 'new.person@example.org',
      role: 'coordinator',
      state: 'pending',
      accountExists: false,
    });
    const weak = await call(rally, 'POST', '/api/auth/invitations/accept', {
      body: { token, name: 'New Person', password: 'password' },
    });
    expect(weak).toMatchObject({ status: 422, body: { fields: { password: expect.any(Array) } } });
    const missing = await call(rally, 'POST', '/api/auth/invitations/accept', { body: { token } });
    expect(missing).toMatchObject({
      status: 422,
      body: { fields: { name: expect.any(Array), password: expect.any(Array) } },
    });
    const accepted = await call<{ csrfToken: string; organisationSlug: string }>(
      rally,
      'POST',
      '/api/auth/invitations/accept',
      { body: { token, name: 'New Person', password: 'meadow lanterns glow softly' } },
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body.organisationSlug).toBe(admin.organisation.slug);
    const headers = { cookie: `rally_session=${cookiesOf(accepted.headers).rally_session}` };
    const me = await call<{ role: string; permissions: string[]; actor: Record<string, string> }>(
      rally,
      'GET',
      `${base}/me`,
      { headers },
    );
    expect(me.body).toMatchObject({ role: 'coordinator', actor: { kind: 'user' } });
    // What a coordinator may do, from the API: the console reads this instead of keeping its own matrix.
    expect(me.body.permissions).toEqual(expect.arrayContaining(['organisation.read', 'campaigns.read']));
    expect(me.body.permissions).not.toContain('petitions.manage');
    expect(me.body.permissions).not.toContain('members.manage');
    expect(me.body.actor).not.toHaveProperty('sessionId');
    const again = await call(rally, 'POST', '/api/auth/invitations/accept', {
      body: { token, name: 'Someone Else', password: 'meadow lanterns glow softly' },
    });
    expect(again).toMatchObject({ status: 410, body: { error: 'invitation_link_invalid' } });
    expect(
      (
        await call(rally, 'POST', '/api/auth/login', {
          body: { email: 'new.person@example.org', password: 'meadow lanterns glow softly' },
        })
      ).status,
    ).toBe(200);
  });

  it('lets someone with an account join with their existing password', async () => {
    const other = await createOrgWithMember(rally, { role: Role.Campaigner });
    const { token } = await invite(other.user.email, Role.Campaigner);
    expect((await call(rally, 'POST', '/api/auth/invitations/preview', { body: { token } })).body).toMatchObject({
      accountExists: true,
    });
    expect(
      (
        await call(rally, 'POST', '/api/auth/invitations/accept', {
          body: { token, password: 'not my password at all' },
        })
      ).status,
    ).toBe(401);
    expect(
      (await call(rally, 'POST', '/api/auth/invitations/accept', { body: { token, password: TEST_PASSWORD } })).status,
    ).toBe(200);
    const login = await call<{ organisations: { slug: string }[] }>(rally, 'POST', '/api/auth/login', {
      body: { email: other.user.email, password: TEST_PASSWORD },
    });
    expect(login.body.organisations.map((o) => o.slug).sort()).toEqual(
      [admin.organisation.slug, other.organisation.slug].sort(),
    );
  });

  it('refuses expired and revoked invitations and lists each state', async () => {
    const expired = await invite('late@example.org', Role.Campaigner);
    await db.query(`UPDATE invitation SET expires_at = now() - interval '1 second' WHERE id = $1`, [expired.id]);
    expect(
      await call(rally, 'POST', '/api/auth/invitations/accept', {
        body: { token: expired.token, name: 'Late', password: 'meadow lanterns glow softly' },
      }),
    ).toMatchObject({ status: 410, body: { message: expect.stringContaining('expired') } });
    const revoked = await invite('revoked@example.org', Role.Campaigner);
    expect(
      (await call(rally, 'POST', `${base}/invitations/${revoked.id}/revoke`, { headers: admin.bearer() })).body,
    ).toMatchObject({ state: 'revoked' });
    expect(
      (await call(rally, 'POST', `${base}/invitations/${revoked.id}/revoke`, { headers: admin.bearer() })).status,
    ).toBe(409);
    expect(
      await call(rally, 'POST', '/api/auth/invitations/accept', {
        body: { token: revoked.token, name: 'Rev', password: 'meadow lanterns glow softly' },
      }),
    ).toMatchObject({ status: 410, body: { message: expect.stringContaining('revoked') } });
    const list = await call<{ items: { email: string; state: string }[] }>(rally, 'GET', `${base}/invitations`, {
      headers: admin.bearer(),
    });
    const states = Object.fromEntries(list.body.items.map((i) => [i.email, i.state]));
    // The state filter answers the same states as the list computes.
    for (const state of ['expired', 'revoked', 'accepted']) {
      const filtered = await call<{ items: { state: string }[]; total: number }>(
        rally,
        'GET',
        `${base}/invitations?state=${state}`,
        { headers: admin.bearer() },
      );
      expect([state, filtered.body.items.every((i) => i.state === state), filtered.body.total]).toEqual([
        state,
        true,
        list.body.items.filter((i) => i.state === state).length,
      ]);
    }
    expect(states).toMatchObject({
      'late@example.org': 'expired',
      'revoked@example.org': 'revoked',
      'new.person@example.org': 'accepted',
    });
    expect(
      (
        await call(rally, 'POST', `${base}/invitations`, {
          headers: admin.bearer(),
          body: { email: admin.user.email, role: 'admin' },
        })
      ).status,
    ).toBe(409);
    expect(
      await call(rally, 'POST', `${base}/invitations`, {
        headers: admin.bearer(),
        body: { email: 'x@example.org', role: 'owner' },
      }),
    ).toMatchObject({ status: 422, body: { fields: { role: expect.any(Array) } } });
  });

  it('creates an API token shown once, stored hashed, records its use, and stops it on revoke', async () => {
    const created = await call<{ id: string; token: string; role: string }>(rally, 'POST', `${base}/api-tokens`, {
      headers: admin.session(),
      body: { name: 'CRM sync', role: 'coordinator' },
    });
    expect(created.status).toBe(201);
    const { id, token } = created.body;
    expect(token).toMatch(/^rally_/);
    const list = await call<{ items: Record<string, unknown>[] }>(rally, 'GET', `${base}/api-tokens`, {
      headers: admin.session(),
    });
    const listed = list.body.items.find((t) => t.id === id);
    expect(listed).toMatchObject({ name: 'CRM sync', lastUsedAt: null });
    expect(JSON.stringify(list.body)).not.toContain(token);
    const [row] = (await db.query(`SELECT token_hash FROM api_token WHERE id = $1`, [id])) as [{ token_hash: string }];
    expect(row.token_hash).not.toContain(token);
    const auth = { authorization: `Bearer ${token}` };
    expect((await call(rally, 'GET', `${base}/me`, { headers: auth })).body).toMatchObject({
      role: 'coordinator',
      actor: { kind: 'token', tokenId: id },
    });
    expect((await call(rally, 'GET', `${base}/api-tokens`, { headers: auth })).status).toBe(403);
    const used = (
      await call<{ items: Record<string, unknown>[] }>(rally, 'GET', `${base}/api-tokens`, { headers: admin.session() })
    ).body.items.find((t) => t.id === id);
    expect(used?.lastUsedAt).not.toBeNull();
    expect((await call(rally, 'DELETE', `${base}/api-tokens/${id}`, { headers: admin.session() })).body).toMatchObject({
      revokedAt: expect.any(String),
    });
    expect((await call(rally, 'GET', `${base}/me`, { headers: auth })).status).toBe(401);
  });

  it('changes roles and removes members but never the last admin', async () => {
    const solo = await createOrgWithMember(rally, { role: Role.Admin });
    const soloBase = `/api/orgs/${solo.organisation.slug}`;
    expect(
      (
        await call(rally, 'PATCH', `${soloBase}/members/${solo.membership.id}`, {
          headers: solo.bearer(),
          body: { role: 'campaigner' },
        })
      ).status,
    ).toBe(409);
    expect(
      (await call(rally, 'DELETE', `${soloBase}/members/${solo.membership.id}`, { headers: solo.bearer() })).status,
    ).toBe(409);
    const member = await addMember(rally, solo.organisation, { role: Role.Campaigner });
    expect(
      (
        await call(rally, 'PATCH', `${soloBase}/members/${member.membership.id}`, {
          headers: solo.bearer(),
          body: { role: 'coordinator' },
        })
      ).body,
    ).toMatchObject({ role: 'coordinator' });
    expect((await call(rally, 'GET', `${soloBase}/me`, { headers: member.bearer() })).status).toBe(200);
    expect(
      (await call(rally, 'DELETE', `${soloBase}/members/${member.membership.id}`, { headers: solo.bearer() })).status,
    ).toBe(204);
    expect((await call(rally, 'GET', `${soloBase}/me`, { headers: member.session() })).status).toBe(404);
    expect((await call(rally, 'GET', `${soloBase}/members/not-a-uuid`, { headers: solo.bearer() })).status).toBe(404);
  });

  it('validates organisation settings field by field', async () => {
    const bad = await call(rally, 'PATCH', base, {
      headers: admin.bearer(),
      body: { country: 'France', timeZone: 'Mars/Olympus', defaultLanguage: 'xx', slug: 'nope' },
    });
    expect(bad.status).toBe(422);
    expect(Object.keys((bad.body as { fields: object }).fields).sort()).toEqual([
      'country',
      'defaultLanguage',
      'slug',
      'timeZone',
    ]);
    expect(
      (
        await call(rally, 'PUT', `${base}/mail-settings`, {
          headers: admin.bearer(),
          body: { sendingAddress: 'campaigns@example.org' },
        })
      ).body,
    ).toEqual({ sendingAddress: 'campaigns@example.org' });
    expect(await call(rally, 'PUT', `${base}/mail-settings`, { headers: admin.bearer(), body: {} })).toMatchObject({
      status: 422,
      body: { fields: { sendingAddress: expect.any(Array) } },
    });
  });

  it('keeps an append-only audit log of staff actions, readable by admins only', async () => {
    type Event = { action: string; actorKind: string; actorName: string; ip: string | null; at: string };
    const events = await call<{ items: Event[]; total: number }>(rally, 'GET', `${base}/audit-events?limit=100`, {
      headers: admin.session(),
    });
    expect(events.status).toBe(200);
    const actions = events.body.items.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'invitation.create',
        'invitation.accept',
        'invitation.revoke',
        'api-token.create',
        'api-token.revoke',
        'mail-settings.update',
      ]),
    );
    expect(events.body.items.find((e) => e.action === 'api-token.create')).toMatchObject({
      actorKind: 'user',
      actorName: admin.user.name,
      ip: '127.0.0.1',
    });
    // Pages and filters: the second page of two continues the first; an action's start filters to its kind.
    const second = await call<{ items: Event[]; total: number; offset: number }>(
      rally,
      'GET',
      `${base}/audit-events?limit=2&offset=2`,
      { headers: admin.session() },
    );
    expect(second.body).toMatchObject({ total: events.body.total, offset: 2 });
    expect(second.body.items).toEqual(events.body.items.slice(2, 4));
    const tokens = await call<{ items: Event[] }>(rally, 'GET', `${base}/audit-events?action=api-token.`, {
      headers: admin.session(),
    });
    expect(new Set(tokens.body.items.map((e) => e.action))).toEqual(new Set(['api-token.create', 'api-token.revoke']));
    const later = await call<{ items: Event[] }>(
      rally,
      'GET',
      `${base}/audit-events?since=${encodeURIComponent(events.body.items[0].at)}`,
      { headers: admin.session() },
    );
    expect(later.body.items.every((e) => e.at >= events.body.items[0].at)).toBe(true);
    expect(
      (await call(rally, 'GET', `${base}/audit-events?action=DROP TABLE`, { headers: admin.session() })).status,
    ).toBe(422);
    expect((await call(rally, 'GET', `${base}/audit-events?limit=zero`, { headers: admin.session() })).status).toBe(
      422,
    );
    const coordinator = await addMember(rally, admin.organisation, { role: Role.Coordinator });
    expect((await call(rally, 'GET', `${base}/audit-events`, { headers: coordinator.session() })).status).toBe(403);
    await expect(db.query(`UPDATE audit_event SET action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
  });
});
