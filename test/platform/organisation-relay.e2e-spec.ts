import { Role } from '#rally/access';
import { MailService, TEST_MAIL } from '#rally/mail';
import type { SmtpSink } from '#rally-testing/core';
import { ManualClock, startSmtpSink } from '#rally-testing/core';
import type { StaffHandle } from '#rally-testing/organisations';
import { createOrgWithMember, dataSourceOf } from '#rally-testing/organisations';
import { call } from '../organisations/staff-helpers.js';
import { waitUntil } from '../support/processes.js';
import type { RallyHarness } from '../support/rally-harness.js';
import { startRally } from '../support/rally-harness.js';

const RELAY_USER = 'relay-user@example.org';
const RELAY_PASSWORD = 'correct horse battery staple 42';
/** Past the worker's 30 s relay lookup cache (RELAY_LOOKUP_TTL_MS): what it read before is read again. */
const PAST_LOOKUP_TTL_MS = 31_000;

let sequence = 0;

/** Queues one test mail for the organisation (null: installation mail) and resolves once it is sent. */
async function sendMail(rally: RallyHarness, organisationId: string | null): Promise<string> {
  const to = `relay-recipient-${++sequence}@example.org`;
  const [id] = await rally.api.get(MailService).send(organisationId ? { organisationId } : null, {
    to,
    template: TEST_MAIL,
    data: { sentAt: `relay-${sequence}` },
    idempotencyKey: `relay-test:${sequence}`,
  });
  await waitUntil(async () => {
    const [row] = (await dataSourceOf(rally).query(`SELECT status, last_error FROM mail_outbox WHERE id = $1`, [
      id,
    ])) as { status: string; last_error: string | null }[];
    if (row.status === 'failed') throw new Error(`mail to ${to} failed: ${row.last_error}`);
    return row.status === 'sent';
  }, 15_000);
  return to;
}

/** Where a sent message went: a sent row was accepted by exactly one relay, so a count of 0 elsewhere is final. */
function deliveredTo(sinks: Record<string, SmtpSink>, to: string): string[] {
  return Object.entries(sinks).flatMap(([name, sink]) => sink.messages.filter((m) => m.to === to).map(() => name));
}

describe("an organisation's own SMTP relay", () => {
  const clock = new ManualClock();
  let rally: RallyHarness;
  let relay: SmtpSink;
  let a: StaffHandle;
  let b: StaffHandle;
  let sinks: Record<string, SmtpSink>;
  const base = (who: StaffHandle): string => `/api/orgs/${who.organisation.slug}/mail-relay`;
  const settings = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    host: '127.0.0.1',
    port: relay.port,
    secure: false,
    username: RELAY_USER,
    password: RELAY_PASSWORD,
    ...overrides,
  });

  beforeAll(async () => {
    relay = await startSmtpSink({ auth: { user: RELAY_USER, pass: RELAY_PASSWORD } });
    rally = await startRally({ clock });
    a = await createOrgWithMember(rally, { role: Role.Admin });
    b = await createOrgWithMember(rally, { role: Role.Admin });
    sinks = { installation: rally.smtp as SmtpSink, relay };
  });
  afterAll(async () => {
    await rally.close();
    await relay.close();
  });

  it('answers one shape when no relay is saved', async () => {
    const res = await call(rally, 'GET', base(a), { headers: a.bearer() });
    expect(res).toMatchObject({ status: 200, body: { relay: null, captureMode: false, inUse: false } });
  });

  it('answers 422 naming the field for every invalid value, and stores nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [settings({ host: undefined }), 'host'],
      [settings({ host: 'smtp example.org' }), 'host'],
      [settings({ host: '-smtp.example.org' }), 'host'],
      [settings({ host: `${'a'.repeat(64)}.example.org` }), 'host'],
      [settings({ host: '999.1.1.1' }), 'host'],
      [settings({ host: 25 }), 'host'],
      [settings({ port: undefined }), 'port'],
      [settings({ port: 0 }), 'port'],
      [settings({ port: 65536 }), 'port'],
      [settings({ port: '587' }), 'port'],
      [settings({ port: 25.5 }), 'port'],
      [settings({ secure: 'yes' }), 'secure'],
      [settings({ secure: null }), 'secure'],
      [settings({ username: '' }), 'username'],
      [settings({ username: 'u'.repeat(255) }), 'username'],
      [settings({ username: 'user\r\nRSET' }), 'username'],
      [settings({ password: '' }), 'password'],
      [settings({ password: 'p'.repeat(513) }), 'password'],
      [settings({ password: 'pass\u0000word' }), 'password'],
      [settings({ password: null }), 'password'],
      [settings({ password: undefined }), 'password'], // a username and no password saved yet
      [settings({ username: null }), 'password'], // a password needs a username
      [settings({ enabled: 'true' }), 'enabled'],
      [settings({ enabled: null }), 'enabled'],
      [settings({ tls: false }), 'tls'],
    ];
    for (const [body, field] of cases) {
      const res = await call<{ fields?: Record<string, string[]> }>(rally, 'PUT', base(a), {
        headers: a.bearer(),
        body,
      });
      expect([field, res.status, Object.keys(res.body.fields ?? {})]).toEqual([field, 422, [field]]);
    }
    for (const [body, fields] of [
      [{ secure: true }, ['host', 'port']],
      [{ host: '127.0.0.1' }, ['port']],
      [{ host: 'bad host', port: 25 }, ['host']],
      [{ host: '127.0.0.1', port: 70000 }, ['port']],
      [{ host: '127.0.0.1', port: 25, enabled: true }, ['enabled']],
      [{ host: '127.0.0.1', port: 25, username: RELAY_USER }, ['password']],
    ] as const) {
      const res = await call<{ fields?: Record<string, string[]> }>(rally, 'POST', `${base(a)}/test`, {
        headers: a.bearer(),
        body,
      });
      expect([body, res.status, Object.keys(res.body.fields ?? {})]).toEqual([body, 422, fields]);
    }
    expect(await dataSourceOf(rally).query(`SELECT 1 FROM organisation_relays`)).toEqual([]);
  });

  it("tests settings before saving them: the server's refusal, a closed port, then success", async () => {
    const wrong = await call(rally, 'POST', `${base(a)}/test`, {
      headers: a.bearer(),
      body: settings({ password: 'not the password' }),
    });
    expect(wrong.status).toBe(200);
    expect(wrong.body).toEqual({ ok: false, message: expect.stringMatching(/535 Authentication credentials invalid/) });

    const closed = await startSmtpSink();
    const closedPort = closed.port;
    await closed.close();
    const unreachable = await call(rally, 'POST', `${base(a)}/test`, {
      headers: a.bearer(),
      body: settings({ port: closedPort }),
    });
    expect(unreachable.body).toEqual({ ok: false, message: expect.stringMatching(/ECONNREFUSED/) });

    const right = await call(rally, 'POST', `${base(a)}/test`, { headers: a.bearer(), body: settings() });
    expect(right.body).toEqual({
      ok: true,
      message: `Connected to 127.0.0.1:${relay.port}, signed in as ${RELAY_USER}`,
    });
    // Testing sends nothing.
    expect(relay.messages).toHaveLength(0);
  });

  it('saves the relay with its password sealed: never readable through the API or in the database', async () => {
    const res = await call<Record<string, unknown>>(rally, 'PUT', base(a), { headers: a.bearer(), body: settings() });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      relay: {
        host: '127.0.0.1',
        port: relay.port,
        secure: false,
        username: RELAY_USER,
        hasPassword: true,
        enabled: true,
        updatedAt: expect.any(String),
      },
      captureMode: false,
      inUse: true,
    });
    const read = await call(rally, 'GET', base(a), { headers: a.bearer() });
    expect(read.body).toEqual(res.body);
    expect(JSON.stringify(read.body)).not.toContain(RELAY_PASSWORD);

    const db = dataSourceOf(rally);
    const [row] = (await db.query(`SELECT * FROM organisation_relays WHERE organization_id = $1`, [
      a.organisation.id,
    ])) as Record<string, unknown>[];
    expect(row.password_sealed).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(JSON.stringify(row)).not.toContain(RELAY_PASSWORD);
    expect(JSON.stringify(row)).not.toContain(Buffer.from(RELAY_PASSWORD).toString('base64url').slice(0, 12));
    const audit = (await db.query(
      `SELECT action, details FROM audit_event WHERE organization_id = $1 AND action LIKE 'mail-relay.%' ORDER BY at`,
      [a.organisation.id],
    )) as { action: string; details: Record<string, unknown> }[];
    expect(audit.map((e) => e.action)).toEqual([
      'mail-relay.test',
      'mail-relay.test',
      'mail-relay.test',
      'mail-relay.update',
    ]);
    expect(audit[3].details).toEqual({
      host: '127.0.0.1',
      port: relay.port,
      secure: false,
      username: RELAY_USER,
      enabled: true,
      passwordChanged: true,
    });
    expect(JSON.stringify(audit)).not.toContain(RELAY_PASSWORD);
    expect(JSON.stringify(audit)).not.toContain(row.password_sealed);
  });

  it("sends the organisation's mail through its relay, signed in; other mail through the installation", async () => {
    const mine = await sendMail(rally, a.organisation.id);
    expect(deliveredTo(sinks, mine)).toEqual(['relay']);
    expect(relay.messages.find((m) => m.to === mine)?.user).toBe(RELAY_USER);

    const theirs = await sendMail(rally, b.organisation.id);
    const installation = await sendMail(rally, null);
    expect(deliveredTo(sinks, theirs)).toEqual(['installation']);
    expect(deliveredTo(sinks, installation)).toEqual(['installation']);
  });

  it("records the relay's permanent refusal as a failed send with its reason, like the installation's", async () => {
    relay.rejectRecipients((to) => to === 'refused@example.org', 550);
    const [id] = await rally.api.get(MailService).send(
      { organisationId: a.organisation.id },
      {
        to: 'refused@example.org',
        template: TEST_MAIL,
        data: { sentAt: 'refused' },
        idempotencyKey: 'relay-test:refused',
      },
    );
    const db = dataSourceOf(rally);
    const rowOf = async (): Promise<{ status: string; attempts: number; last_error: string | null }> =>
      ((await db.query(`SELECT status, attempts, last_error FROM mail_outbox WHERE id = $1`, [id])) as never[])[0];
    await waitUntil(async () => (await rowOf()).status === 'failed', 15_000);
    expect(await rowOf()).toEqual({ status: 'failed', attempts: 1, last_error: expect.stringMatching(/550/) });
  });

  it('tests the saved relay with an empty body, and keeps the password when host and username stay', async () => {
    expect((await call(rally, 'POST', `${base(a)}/test`, { headers: a.bearer(), body: {} })).body).toMatchObject({
      ok: true,
    });
    const kept = await call<{ relay: { hasPassword: boolean; secure: boolean } }>(rally, 'PUT', base(a), {
      headers: a.bearer(),
      body: settings({ password: undefined, host: '127.0.0.1' }),
    });
    expect(kept.status).toBe(200);
    expect(kept.body.relay.hasPassword).toBe(true);
    // The stored password goes only to the server it was saved for.
    for (const changed of [{ host: 'localhost' }, { username: 'someone-else' }]) {
      const res = await call<{ fields: Record<string, string[]> }>(rally, 'PUT', base(a), {
        headers: a.bearer(),
        body: settings({ ...changed, password: undefined }),
      });
      expect([res.status, res.body.fields]).toEqual([
        422,
        { password: ['password is required when the host or username changes'] },
      ]);
      const tested = await call<{ fields: Record<string, string[]> }>(rally, 'POST', `${base(a)}/test`, {
        headers: a.bearer(),
        body: settings({ ...changed, password: undefined }),
      });
      expect(tested.status).toBe(422);
    }
    expect(
      (await call(rally, 'POST', `${base(a)}/test`, { headers: a.bearer(), body: settings({ password: undefined }) }))
        .body,
    ).toMatchObject({ ok: true });
  });

  it('follows a disabled, re-enabled and removed relay once the worker reads it again', async () => {
    await call(rally, 'PUT', base(a), { headers: a.bearer(), body: settings({ enabled: false }) });
    clock.advance(PAST_LOOKUP_TTL_MS);
    expect(deliveredTo(sinks, await sendMail(rally, a.organisation.id))).toEqual(['installation']);

    await call(rally, 'PUT', base(a), { headers: a.bearer(), body: settings({ enabled: true }) });
    clock.advance(PAST_LOOKUP_TTL_MS);
    expect(deliveredTo(sinks, await sendMail(rally, a.organisation.id))).toEqual(['relay']);

    expect((await call(rally, 'DELETE', base(a), { headers: a.bearer() })).status).toBe(204);
    // Within the lookup cache's lifetime the worker keeps what it read: no database read per message.
    expect(deliveredTo(sinks, await sendMail(rally, a.organisation.id))).toEqual(['relay']);
    clock.advance(PAST_LOOKUP_TTL_MS);
    expect(deliveredTo(sinks, await sendMail(rally, a.organisation.id))).toEqual(['installation']);
    expect((await call(rally, 'GET', base(a), { headers: a.bearer() })).body).toMatchObject({ relay: null });
    expect((await call(rally, 'DELETE', base(a), { headers: a.bearer() })).status).toBe(204);
    const deletes = (await dataSourceOf(rally).query(
      `SELECT count(*)::int AS n FROM audit_event WHERE organization_id = $1 AND action = 'mail-relay.delete'`,
      [a.organisation.id],
    )) as [{ n: number }];
    expect(deletes[0].n).toBe(1);
  });

  it('answers ok: false, not a 500, when the sealed password no longer opens', async () => {
    await call(rally, 'PUT', base(b), { headers: b.bearer(), body: settings() });
    const db = dataSourceOf(rally);
    // Another organisation's sealed password: authenticated with its organisation id, so it does not open here.
    const [{ password_sealed: sealedForB }] = (await db.query(
      `SELECT password_sealed FROM organisation_relays WHERE organization_id = $1`,
      [b.organisation.id],
    )) as { password_sealed: string }[];
    await call(rally, 'PUT', base(a), { headers: a.bearer(), body: settings() });
    await db.query(`UPDATE organisation_relays SET password_sealed = $2 WHERE organization_id = $1`, [
      a.organisation.id,
      sealedForB,
    ]);
    const res = await call(rally, 'POST', `${base(a)}/test`, { headers: a.bearer(), body: {} });
    expect(res).toMatchObject({
      status: 200,
      body: { ok: false, message: expect.stringMatching(/cannot be decrypted/) },
    });
  });
});

describe("an organisation's relay in capture mode (no SMTP_URL)", () => {
  let rally: RallyHarness;
  let relay: SmtpSink;
  let admin: StaffHandle;
  beforeAll(async () => {
    relay = await startSmtpSink({ auth: { user: RELAY_USER, pass: RELAY_PASSWORD } });
    rally = await startRally({ mail: 'capture' });
    admin = await createOrgWithMember(rally, { role: Role.Admin });
  });
  afterAll(async () => {
    await rally.close();
    await relay.close();
  });

  it('keeps the relay but captures the mail locally, and says so', async () => {
    const res = await call(rally, 'PUT', `/api/orgs/${admin.organisation.slug}/mail-relay`, {
      headers: admin.bearer(),
      body: { host: '127.0.0.1', port: relay.port, username: RELAY_USER, password: RELAY_PASSWORD },
    });
    expect(res.body).toMatchObject({ relay: { enabled: true, hasPassword: true }, captureMode: true, inUse: false });
    const to = await sendMail(rally, admin.organisation.id);
    const captured = (await dataSourceOf(rally).query(`SELECT 1 FROM captured_mail WHERE recipient = $1`, [
      to,
    ])) as unknown[];
    expect(captured).toHaveLength(1);
    expect(relay.messages).toHaveLength(0);
  });
});
