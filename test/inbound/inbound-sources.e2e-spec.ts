import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Role } from '#rally/access';
import { sqlRows } from '#rally/core';
import { webhookSignature } from '#rally-testing/inbound';
import type { StaffHandle } from '#rally-testing/organisations';
import { addMember, createOrgWithMember } from '#rally-testing/organisations';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import { staffApi, type StaffApi } from '../support/staff-api.js';
import { aReply } from './inbound-helpers.js';

interface SourceView {
  id: string;
  kind: string;
  name: string;
  enabled: boolean;
  webhookUrl: string;
}
interface Created {
  source: SourceView;
  secret: string;
}

describe('staff routes of inbound sources (/api/orgs/:orgSlug/inbound-sources)', () => {
  let rally: RallyHarness;
  let db: DataSource;
  let admin: StaffHandle;
  let api: StaffApi;
  beforeAll(async () => {
    rally = await startRally({ worker: false });
    db = rally.api.get<DataSource>(getDataSourceToken());
    admin = await createOrgWithMember(rally, { role: Role.Admin });
    api = staffApi(rally, admin);
  });
  afterAll(() => rally.close());

  /** What a provider does with the webhook URL and secret staff copied from the answer. */
  const deliver = async (url: string, secret: string): Promise<number> => {
    const raw = aReply('reply+1x@reply.example.org');
    return (
      await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'message/rfc822', ...webhookSignature(secret, raw) },
        body: raw,
      })
    ).status;
  };
  const auditActions = async (objectId: string): Promise<string[]> =>
    (
      await sqlRows<{ action: string }>(db, `SELECT action FROM audit_event WHERE object_id = $1 ORDER BY action`, [
        objectId,
      ])
    ).map((r) => r.action);

  it('creates a webhook source, answering its URL and secret once; the provider can then deliver', async () => {
    const created = await api<Created>('POST', '/inbound-sources', { kind: 'webhook', name: '  Provider route ' });
    expect(created.status).toBe(201);
    const { source, secret } = created.body;
    expect(source).toMatchObject({ kind: 'webhook', name: 'Provider route', enabled: true });
    expect(source.webhookUrl).toBe(`${rally.baseUrl}/inbound/webhooks/${source.id}`);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await deliver(source.webhookUrl, secret)).toBe(200);

    // Never again: not in the list, not in the source, not stored in clear.
    const list = await api<{ items: SourceView[]; total: number }>('GET', '/inbound-sources');
    expect(list.body.items.map((s) => s.id)).toContain(source.id);
    const fetched = await api('GET', `/inbound-sources/${source.id}`);
    expect(JSON.stringify([list.body, fetched.body])).not.toContain(secret);
    const [stored] = await sqlRows<{ secret_sealed: string }>(
      db,
      `SELECT secret_sealed FROM inbound_sources WHERE id = $1`,
      [source.id],
    );
    expect(stored!.secret_sealed).not.toContain(secret);
    expect(await auditActions(source.id)).toEqual(['inbound-source.create']);
  });

  it('rotates the secret (the old one refused at once), disables, enables and deletes, each audited', async () => {
    const { source, secret: first } = (
      await api<Created>('POST', '/inbound-sources', { kind: 'webhook', name: 'Rotating' })
    ).body;
    const rotated = await api<Created>('POST', `/inbound-sources/${source.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    const second = rotated.body.secret;
    expect(second).not.toBe(first);
    expect(await deliver(source.webhookUrl, first)).toBe(401);
    expect(await deliver(source.webhookUrl, second)).toBe(200);

    expect((await api<SourceView>('POST', `/inbound-sources/${source.id}/disable`)).body.enabled).toBe(false);
    expect(await deliver(source.webhookUrl, second)).toBe(404);
    expect((await api<SourceView>('POST', `/inbound-sources/${source.id}/enable`)).body.enabled).toBe(true);
    expect(await deliver(source.webhookUrl, second)).toBe(200);

    expect((await api('DELETE', `/inbound-sources/${source.id}`)).status).toBe(204);
    expect((await api('GET', `/inbound-sources/${source.id}`)).status).toBe(404);
    expect(await deliver(source.webhookUrl, second)).toBe(404);
    expect((await auditActions(source.id)).sort()).toEqual(
      [
        'inbound-source.create',
        'inbound-source.rotate-secret',
        'inbound-source.disable',
        'inbound-source.enable',
        'inbound-source.delete',
      ].sort(),
    );
  });

  it.each([
    ['no kind', { name: 'x' }, 'kind'],
    ['an IMAP source (it has a route of its own)', { kind: 'imap', name: 'x' }, 'kind'],
    ['no name', { kind: 'webhook' }, 'name'],
    ['an empty name', { kind: 'webhook', name: '' }, 'name'],
    ['a name of 101 characters', { kind: 'webhook', name: 'n'.repeat(101) }, 'name'],
    ['a name on two lines', { kind: 'webhook', name: 'a\nb' }, 'name'],
    ['a name that is a number', { kind: 'webhook', name: 42 }, 'name'],
    ['a field it does not know', { kind: 'webhook', name: 'x', secret: 'mine' }, 'secret'],
  ])('refuses %s with 422 naming the field', async (_what, body, field) => {
    const res = await api('POST', '/inbound-sources', body);
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.fields ?? {})).toEqual([field]);
  });

  it('refuses a bad list filter with 422, and ids that are not sources with 404', async () => {
    const bad = await api('GET', '/inbound-sources?kind=pop3');
    expect([bad.status, Object.keys(bad.body.fields ?? {})]).toEqual([422, ['kind']]);
    expect((await api('POST', '/inbound-sources/not-a-uuid/disable')).status).toBe(404);
  });

  it('keeps IMAP mailboxes off loopback and private addresses unless the installation allows them', async () => {
    const created = await api<{ id: string }>('POST', '/inbound-sources/imap', {
      name: 'Internal',
      host: '127.0.0.1',
      port: 143,
      secure: false,
      username: 'replies@example.org',
      password: 'pw',
    });
    expect(created.status).toBe(201);
    const test = await api('POST', `/inbound-sources/${created.body.id}/test-connection`);
    expect(test.body).toEqual({
      ok: false,
      error:
        '127.0.0.1 is a loopback or private address, which this installation does not reach (INBOUND_IMAP_PRIVATE_HOSTS)',
      messages: null,
    });
  });

  it('is for admins only: a coordinator gets 403', async () => {
    const coordinator = await addMember(rally, admin.organisation, { role: Role.Coordinator });
    expect((await staffApi(rally, coordinator)('GET', '/inbound-sources')).status).toBe(403);
  });
});
