import type { DataSource } from 'typeorm';
import { Role } from '#rally/access';
import type { StaffHandle } from '#rally-testing/organisations';
import { addMember, createOrgWithMember, dataSourceOf, TEST_PASSWORD } from '#rally-testing/organisations';
import type { RallyHarness } from '../support/rally-harness.js';
import { startRally } from '../support/rally-harness.js';
import { call, cookiesOf, tokenFromMail } from './staff-helpers.js';

interface SessionBody {
  userId: string;
  csrfToken: string;
  organisations: { slug: string; role: string }[];
}

describe('staff sign-in, sessions, CSRF and password reset', () => {
  let rally: RallyHarness;
  let db: DataSource;
  let admin: StaffHandle;

  beforeAll(async () => {
    rally = await startRally({ env: { LOGIN_MAX_FAILURES: '3', TRUST_PROXY: 'true' } });
    db = dataSourceOf(rally);
    admin = await createOrgWithMember(rally, { role: Role.Admin });
  });
  afterAll(() => rally.close());

  const login = (email: string, password: string, ip?: string) =>
    call<SessionBody>(rally, 'POST', '/api/auth/login', {
      body: { email, password },
      headers: ip ? { 'x-forwarded-for': ip } : {},
    });
  const sessionHeaders = (res: { headers: Headers; body: SessionBody }) => {
    const c = cookiesOf(res.headers);
    return { cookie: `rally_session=${c.rally_session}`, 'x-csrf-token': res.body.csrfToken };
  };

  it('signs in with email and password into an httpOnly SameSite=Lax cookie, and the session opens the organisation', async () => {
    const member = await addMember(rally, admin.organisation, {
      role: Role.Coordinator,
      email: 'Signin.Person@Example.org',
    });
    const res = await login('signin.person@example.org', TEST_PASSWORD);
    expect(res.status).toBe(200);
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('rally_session='));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i);
    expect(res.headers.getSetCookie().find((c) => c.startsWith('rally_csrf='))).not.toMatch(/HttpOnly/i);
    expect(res.body.organisations).toEqual([
      expect.objectContaining({ slug: admin.organisation.slug, role: 'coordinator' }),
    ]);
    const me = await call(rally, 'GET', `/api/orgs/${admin.organisation.slug}/me`, { headers: sessionHeaders(res) });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ role: 'coordinator', actor: { kind: 'user', userId: member.user.id } });
    // Only a hash of the cookie's secret is stored.
    const secret = cookiesOf(res.headers).rally_session;
    const stored = (await db.query(`SELECT count(*)::int AS n FROM staff_session WHERE token_hash = $1`, [secret])) as [
      { n: number },
    ];
    expect(stored[0].n).toBe(0);
  });

  it('refuses a form-encoded sign-in (login CSRF from another site) without setting a cookie', async () => {
    const res = await fetch(`${rally.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: admin.user.email, password: TEST_PASSWORD }).toString(),
    });
    expect(res.status).toBe(415);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('rally_session='))).toBe(false);
  });

  it('answers a wrong password and an unknown email identically', async () => {
    const wrong = await login(admin.user.email, 'not the password at all', '10.0.0.1');
    const unknown = await login('nobody-here@example.org', 'not the password at all', '10.0.0.1');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('locks an account after LOGIN_MAX_FAILURES failures, even for the right password, and emails a lockout notice', async () => {
    const victim = await addMember(rally, admin.organisation, { role: Role.Campaigner });
    for (let i = 0; i < 3; i++)
      expect((await login(victim.user.email, `wrong password ${i}`, `10.1.0.${i}`)).status).toBe(401);
    const locked = await login(victim.user.email, TEST_PASSWORD, '10.1.0.9');
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ error: 'account_locked' });
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    const [notice] = await rally.smtp!.waitFor(1, (m) => m.to === victim.user.email);
    expect(notice.subject).toMatch(/locked/);
    expect(notice.text).toContain('10.1.0.2');
    expect(notice.text).toContain(`${rally.baseUrl}/console/forgot-password?lang=en`);
    // Another account is not affected.
    expect((await login(admin.user.email, TEST_PASSWORD, '10.1.0.9')).status).toBe(200);
  });

  it('limits attempts per IP address across accounts', async () => {
    let last = 0;
    for (let i = 0; i < 31; i++) last = (await login(`spray-${i}@example.org`, 'guess guess guess', '10.2.0.1')).status;
    expect(last).toBe(429);
    expect((await login(admin.user.email, TEST_PASSWORD, '10.2.0.2')).status).toBe(200);
  });

  it('ends a session after the idle timeout and after the absolute timeout', async () => {
    const idle = await addMember(rally, admin.organisation, { role: Role.Campaigner });
    const absolute = await addMember(rally, admin.organisation, { role: Role.Campaigner });
    const path = `/api/orgs/${admin.organisation.slug}/me`;
    expect((await call(rally, 'GET', path, { headers: idle.session() })).status).toBe(200);
    await db.query(`UPDATE staff_session SET last_seen_at = now() - interval '61 minutes' WHERE user_id = $1`, [
      idle.user.id,
    ]);
    await db.query(
      `UPDATE staff_session SET expires_at = now() - interval '1 second', last_seen_at = now() WHERE user_id = $1`,
      [absolute.user.id],
    );
    expect((await call(rally, 'GET', path, { headers: idle.session() })).status).toBe(401);
    expect((await call(rally, 'GET', path, { headers: absolute.session() })).status).toBe(401);
    const left = (await db.query(`SELECT count(*)::int AS n FROM staff_session WHERE user_id = ANY($1)`, [
      [idle.user.id, absolute.user.id],
    ])) as [{ n: number }];
    expect(left[0].n).toBe(0);
  });

  it('rejects cookie-authenticated unsafe requests without the right CSRF token, but not bearer ones', async () => {
    const path = `/api/orgs/${admin.organisation.slug}`;
    const change = { name: 'Renamed by test' };
    expect(await call(rally, 'PATCH', path, { headers: { cookie: admin.cookie }, body: change })).toMatchObject({
      status: 403,
      body: { error: 'csrf_failed' },
    });
    expect(
      await call(rally, 'PATCH', path, { headers: { cookie: admin.cookie, 'x-csrf-token': 'forged' }, body: change }),
    ).toMatchObject({ status: 403, body: { error: 'csrf_failed' } });
    const other = await addMember(rally, admin.organisation, { role: Role.Admin });
    expect(
      (
        await call(rally, 'PATCH', path, {
          headers: { cookie: admin.cookie, 'x-csrf-token': other.csrfToken },
          body: change,
        })
      ).status,
    ).toBe(403);
    expect((await call(rally, 'PATCH', path, { headers: admin.session(), body: change })).status).toBe(200);
    expect(
      (await call(rally, 'PATCH', path, { headers: admin.bearer(), body: { name: 'Renamed by token' } })).status,
    ).toBe(200);
    expect((await call(rally, 'POST', '/api/auth/logout', { headers: { cookie: admin.cookie } })).status).toBe(403);
  });

  it('logs out: the cookie stops working', async () => {
    const person = await addMember(rally, admin.organisation, { role: Role.Coordinator });
    expect((await call(rally, 'GET', '/api/auth/session', { headers: person.session() })).status).toBe(200);
    const out = await call(rally, 'POST', '/api/auth/logout', { headers: person.session() });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join(';')).toMatch(/rally_session=;/);
    expect((await call(rally, 'GET', '/api/auth/session', { headers: person.session() })).status).toBe(401);
  });

  it('changes the password only with the current one, refuses weak ones, and ends every other session', async () => {
    const person = await addMember(rally, admin.organisation, { role: Role.Campaigner });
    const second = await login(person.user.email, TEST_PASSWORD);
    const wrong = await call(rally, 'POST', '/api/auth/password', {
      headers: person.session(),
      body: { currentPassword: 'nope nope nope', newPassword: 'orange kettle hums at noon' },
    });
    expect(wrong.status).toBe(401);
    const weak = await call(rally, 'POST', '/api/auth/password', {
      headers: person.session(),
      body: { currentPassword: TEST_PASSWORD, newPassword: 'password123' },
    });
    expect(weak).toMatchObject({ status: 422, body: { fields: { newPassword: expect.any(Array) } } });
    const changed = await call<SessionBody>(rally, 'POST', '/api/auth/password', {
      headers: person.session(),
      body: { currentPassword: TEST_PASSWORD, newPassword: 'orange kettle hums at noon' },
    });
    expect(changed.status).toBe(200);
    expect((await call(rally, 'GET', '/api/auth/session', { headers: person.session() })).status).toBe(401);
    expect((await call(rally, 'GET', '/api/auth/session', { headers: sessionHeaders(second) })).status).toBe(401);
    expect((await call(rally, 'GET', '/api/auth/session', { headers: sessionHeaders(changed) })).status).toBe(200);
    expect((await login(person.user.email, 'orange kettle hums at noon')).status).toBe(200);
  });

  it('resets a forgotten password by an emailed link that works once and ends all sessions', async () => {
    const person = await addMember(rally, admin.organisation, { role: Role.Coordinator });
    const unknown = await call(rally, 'POST', '/api/auth/password-reset', { body: { email: 'ghost@example.org' } });
    const res = await call(rally, 'POST', '/api/auth/password-reset', {
      body: { email: person.user.email.toUpperCase() },
    });
    expect(res.status).toBe(202);
    expect(unknown).toMatchObject({ status: 202, body: res.body });
    const [mail] = await rally.smtp!.waitFor(1, (m) => m.to === person.user.email && /Reset/.test(m.subject));
    const token = tokenFromMail(mail.text);
    // The console's screen; the secret in the fragment, which no browser sends to a server.
    expect(mail.text).toContain(`${rally.baseUrl}/console/reset-password?lang=en#token=${token}`);
    const weak = await call(rally, 'POST', '/api/auth/password-reset/confirm', {
      body: { token, newPassword: 'short' },
    });
    expect(weak).toMatchObject({ status: 422, body: { fields: { newPassword: expect.any(Array) } } });
    expect(
      (
        await call(rally, 'POST', '/api/auth/password-reset/confirm', {
          body: { token, newPassword: 'a brand new secret phrase' },
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await call(rally, 'POST', '/api/auth/password-reset/confirm', {
          body: { token, newPassword: 'another brand new phrase' },
        })
      ).status,
    ).toBe(410);
    expect((await call(rally, 'GET', '/api/auth/session', { headers: person.session() })).status).toBe(401);
    expect((await login(person.user.email, 'a brand new secret phrase')).status).toBe(200);
    expect(rally.smtp!.messages.filter((m) => m.to === 'ghost@example.org')).toHaveLength(0);
  });

  it('refuses an expired reset link', async () => {
    const person = await addMember(rally, admin.organisation, { role: Role.Coordinator });
    await call(rally, 'POST', '/api/auth/password-reset', { body: { email: person.user.email } });
    const [mail] = await rally.smtp!.waitFor(1, (m) => m.to === person.user.email);
    await db.query(`UPDATE password_reset SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [
      person.user.id,
    ]);
    const res = await call(rally, 'POST', '/api/auth/password-reset/confirm', {
      body: { token: tokenFromMail(mail.text), newPassword: 'a brand new secret phrase' },
    });
    expect(res).toMatchObject({ status: 410, body: { error: 'reset_link_invalid' } });
  });

  it('sends the addresses older mails linked to (/staff/...) to the console screens, query string kept', async () => {
    for (const screen of ['forgot-password', 'reset-password', 'invitation']) {
      const res = await call(rally, 'GET', `/staff/${screen}?lang=fr`);
      expect(res.status).toBe(302);
      // The browser carries the link's #token=... over to this Location, which has no fragment of its own.
      expect(res.headers.get('location')).toBe(`/console/${screen}?lang=fr`);
    }
    expect((await call(rally, 'GET', '/staff/invitation')).headers.get('location')).toBe('/console/invitation');
  });

  it('answers 401 without credentials and with an unknown bearer token, and 422 naming the field for bad login input', async () => {
    expect((await call(rally, 'GET', `/api/orgs/${admin.organisation.slug}`)).status).toBe(401);
    expect(
      (
        await call(rally, 'GET', `/api/orgs/${admin.organisation.slug}`, {
          headers: { authorization: 'Bearer rally_nope' },
        })
      ).status,
    ).toBe(401);
    expect(await login('not-an-email', 'x')).toMatchObject({
      status: 422,
      body: { fields: { email: expect.any(Array) } },
    });
  });
});
