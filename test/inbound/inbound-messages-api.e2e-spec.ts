import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Role } from '#rally/access';
import type { StaffHandle } from '#rally-testing/organisations';
import { addMember, createOrgWithMember } from '#rally-testing/organisations';
import { aStoredInboundMessage, anInboundAlert } from '#rally-testing/inbound';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import { waitUntil } from '../support/processes.js';
import type { StaffApi } from '../support/staff-api.js';
import { staffApi } from '../support/staff-api.js';
import { aLetterOf, addressesOf, aReply, sendToInbound } from './inbound-helpers.js';

interface Summary {
  id: string;
  kind: string;
  letterId: string | null;
  preview: string;
  threadedBy: string | null;
}

/** What coordinators read of inbound mail: replies by letter, the triage queue, attachments as downloads, alerts. */
describe('inbound mail for staff', () => {
  let rally: RallyHarness;
  let admin: StaffHandle;
  let api: StaffApi;
  let db: DataSource;
  beforeAll(async () => {
    rally = await startRally({ inbound: true });
    admin = await createOrgWithMember(rally, { role: Role.Admin });
    api = staffApi(rally, admin);
    db = rally.api.get<DataSource>(getDataSourceToken());
  });
  afterAll(() => rally.close());

  it('lists a ministry reply under its letter, with the answer apart from the quoted letter', async () => {
    const letterId = await aLetterOf(rally, admin);
    const to = addressesOf(rally).replyTo(letterId);
    await sendToInbound(
      rally,
      { from: 'cabinet@justice.example.gov', to: [to] },
      aReply(to, { body: 'We will study your request.\r\n\r\nOn Monday, Ana wrote:\r\n> Please act.' }),
    );
    let listed: Summary[] = [];
    await waitUntil(async () => {
      listed = (await api<{ items: Summary[] }>('GET', `/inbound/messages?letterId=${letterId}`)).body.items;
      return listed.length === 1;
    }, 15_000);
    expect(listed[0]).toMatchObject({ kind: 'reply', letterId, threadedBy: 'token' });
    expect(listed[0]!.preview).toBe('We will study your request.');
    const one = await api<{ replyText: string; bodyText: string; attachments: unknown[] }>(
      'GET',
      `/inbound/messages/${listed[0]!.id}`,
    );
    expect(one.body.bodyText).toContain('> Please act.');
    expect(one.body.replyText).toBe('We will study your request.');
    const events = (await db.query(`SELECT kind FROM letter_events WHERE letter_id = $1`, [letterId])) as {
      kind: string;
    }[];
    expect(events).toEqual([{ kind: 'reply' }]);
  });

  it('serves attachments only as downloads, under their cleaned names', async () => {
    const { messageId, attachmentId } = await aStoredInboundMessage(rally, admin);
    const res = await fetch(
      `${rally.baseUrl}/api/orgs/${admin.organisation.slug}/inbound/messages/${messageId}/attachments/${attachmentId}`,
      { headers: admin.bearer() },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="answer\.pdf"/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer()).toString()).toBe('%PDF');
  });

  it('lets a coordinator tie triaged mail to a letter, once; campaigners read but may not', async () => {
    const { messageId } = await aStoredInboundMessage(rally, admin);
    const triage = await api<{ items: Summary[] }>('GET', '/inbound/messages?triage=true');
    expect(triage.body.items.map((m) => m.id)).toContain(messageId);
    const letterId = await aLetterOf(rally, admin);
    const campaigner = staffApi(rally, await addMember(rally, admin.organisation, { role: Role.Campaigner }));
    expect((await campaigner('GET', `/inbound/messages/${messageId}`)).status).toBe(200);
    expect((await campaigner('POST', `/inbound/messages/${messageId}/thread`, { letterId })).status).toBe(403);
    const coordinator = staffApi(rally, await addMember(rally, admin.organisation, { role: Role.Coordinator }));
    const tied = await coordinator<Summary>('POST', `/inbound/messages/${messageId}/thread`, { letterId });
    expect(tied.status).toBe(200);
    expect(tied.body).toMatchObject({ letterId, threadedBy: 'staff' });
    expect((await coordinator('POST', `/inbound/messages/${messageId}/thread`, { letterId })).status).toBe(404);
    expect((await coordinator('GET', '/inbound/messages?triage=true')).body.items).not.toContainEqual(
      expect.objectContaining({ id: messageId }),
    );
  });

  it('lists open alerts and acknowledges them', async () => {
    const alertId = await anInboundAlert(rally, admin);
    const open = await api<{ items: { id: string }[] }>('GET', '/inbound/alerts');
    expect(open.body.items.map((a) => a.id)).toContain(alertId);
    expect((await api('POST', `/inbound/alerts/${alertId}/acknowledge`)).status).toBe(204);
    const after = await api<{ items: { id: string }[] }>('GET', '/inbound/alerts');
    expect(after.body.items.map((a) => a.id)).not.toContain(alertId);
    const all = await api<{ items: { id: string; acknowledgedAt: string | null }[] }>(
      'GET',
      '/inbound/alerts?open=false',
    );
    expect(all.body.items.find((a) => a.id === alertId)?.acknowledgedAt).not.toBeNull();
  });

  it('answers every invalid input with a 422 naming the field', async () => {
    for (const [path, field] of [
      ['/inbound/messages?kind=spam', 'kind'],
      ['/inbound/messages?letterId=x', 'letterId'],
      ['/inbound/messages?triage=maybe', 'triage'],
      ['/inbound/alerts?open=perhaps', 'open'],
    ] as const) {
      const res = await api('GET', path);
      expect([path, res.status, Object.keys(res.body.fields ?? {})]).toEqual([path, 422, [field]]);
    }
    const { messageId } = await aStoredInboundMessage(rally, admin);
    for (const body of [{}, { letterId: 'nope' }, { letterId: '00000000-0000-4000-8000-000000000000', more: 1 }]) {
      const res = await api('POST', `/inbound/messages/${messageId}/thread`, body);
      expect(res.status).toBe(422);
    }
  });
});
