import type { DataSource } from 'typeorm';
import { Role } from '#rally/access';
import { sqlOne, sqlRows } from '#rally/core';
import { InboundProcessor } from '#rally/inbound';
import type { Target } from '#rally/targets';
import { aStoredInboundMessage } from '#rally-testing/inbound';
import { aLetterAction, aStoredLetter } from '#rally-testing/letters';
import type { StaffHandle } from '#rally-testing/organisations';
import { addMember, createOrgWithMember, dataSourceOf } from '#rally-testing/organisations';
import { aCampaign } from '#rally-testing/petitions';
import { aResponse, aResponseBody } from '#rally-testing/responses';
import { aTarget } from '#rally-testing/targets';
import { plainReply } from '../../libs/inbound/src/testing/inbound-messages.js';
import { addressesOf, aReply, sendToInbound } from '../inbound/inbound-helpers.js';
import { waitUntil } from '../support/processes.js';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import type { StaffApi } from '../support/staff-api.js';
import { staffApi } from '../support/staff-api.js';

interface Entry {
  id: string;
  targetId: string;
  campaignId: string | null;
  occurredOn: string;
  channel: string;
  stance: string | null;
  summary: string;
  status: string;
  origin: string;
  sourceMessageId: string | null;
  recommendations: { id: string; code: string }[];
  letters: { id: string }[];
  messages: { id: string }[];
  evidence: { url: string; supports: string }[];
  recordedAt: string | null;
}

/** The response log over HTTP, with replies arriving through Rally's own SMTP server and processed by the worker. */
describe('the response log: drafts from captured replies, classification, staff entries', () => {
  let rally: RallyHarness;
  let coordinator: StaffHandle;
  let campaigner: StaffHandle;
  let stranger: StaffHandle;
  let api: StaffApi;
  let db: DataSource;
  let campaignId: string;
  let actionId: string;
  let justice: Target;

  beforeAll(async () => {
    rally = await startRally({ inbound: true });
    const admin = await createOrgWithMember(rally, { role: Role.Admin });
    coordinator = await addMember(rally, admin.organisation, { role: Role.Coordinator });
    campaigner = await addMember(rally, admin.organisation, { role: Role.Campaigner });
    stranger = await createOrgWithMember(rally, { role: Role.Admin });
    api = staffApi(rally, coordinator);
    db = dataSourceOf(rally);
    campaignId = await aCampaign(rally, admin);
    actionId = (await aLetterAction(rally, admin, { campaignId })).id;
    justice = await aTarget(rally, admin, { name: 'Ministry of Justice' });
  });
  afterAll(() => rally.close());

  /** A letter as the dispatcher leaves it once the relay took it: handed, to the target's first address. */
  async function aDeliveredLetter(target: Target = justice): Promise<string> {
    const { letterId } = await aStoredLetter(rally, coordinator, actionId, target.id);
    const email = target.emails![0]!;
    await db.query(
      `UPDATE letters SET status = 'handed', handed_at = now(), target_email_id = $2, recipient = $3,
         address_normalized = $4, message_id = $5 WHERE id = $1`,
      [letterId, email.id, email.address, email.addressNormalized, addressesOf(rally).messageId(letterId)],
    );
    return letterId;
  }

  /** Sends `raw` to the letter's reply address and waits until the worker has processed it; its message id. */
  async function replyTo(letterId: string, raw?: string): Promise<string> {
    const to = addressesOf(rally).replyTo(letterId);
    await sendToInbound(rally, { from: 'cabinet@justice.example.gov', to: [to] }, raw ?? aReply(to));
    let id = '';
    await waitUntil(async () => {
      const rows = await sqlRows<{ id: string; status: string }>(
        db,
        `SELECT id, status FROM inbound_messages WHERE letter_id = $1`,
        [letterId],
      );
      id = rows[0]?.id ?? '';
      return rows[0]?.status === 'processed';
    }, 15_000);
    return id;
  }

  const draftsOf = (letterId: string): Promise<{ response_id: string }[]> =>
    sqlRows(db, `SELECT response_id FROM response_letters WHERE letter_id = $1`, [letterId]);

  const auditOf = async (id: string): Promise<string[]> =>
    (
      await sqlRows<{ action: string }>(db, `SELECT action FROM audit_event WHERE object_id = $1 ORDER BY at`, [id])
    ).map((r) => r.action);

  it('a human reply arrives as one draft to classify, however often it is processed', async () => {
    const letterId = await aDeliveredLetter();
    const messageId = await replyTo(letterId);

    const list = await api<{ items: Entry[]; total: number }>('GET', `/responses?status=draft&targetId=${justice.id}`);
    expect(list.status).toBe(200);
    const drafts = list.body.items.filter((r) => r.sourceMessageId === messageId);
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({
      targetId: justice.id,
      campaignId,
      channel: 'letter-reply',
      stance: null,
      summary: '',
      status: 'draft',
      origin: 'captured-reply',
      letters: [expect.objectContaining({ id: letterId })],
      messages: [expect.objectContaining({ id: messageId })],
      recordedAt: null,
    });
    expect(drafts[0]!.occurredOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // Processing again: the job skips it; and should it ever run the effects again, the draft is not repeated.
    const processor = rally.worker!.get(InboundProcessor);
    expect(await processor.process(messageId)).toBe('skipped');
    await db.query(`UPDATE inbound_messages SET status = 'received' WHERE id = $1`, [messageId]);
    expect(await processor.process(messageId)).toBe('processed');
    expect(await draftsOf(letterId)).toHaveLength(1);
  });

  it('an automatic answer makes no draft', async () => {
    const letterId = await aDeliveredLetter();
    const to = addressesOf(rally).replyTo(letterId);
    const messageId = await replyTo(
      letterId,
      plainReply('I am away until Monday.', {
        to,
        messageId: `<away-${letterId}@justice.example.gov>`,
        extra: ['Auto-Submitted: auto-replied'],
      }),
    );
    const { kind } = await sqlOne<{ kind: string }>(db, `SELECT kind FROM inbound_messages WHERE id = $1`, [messageId]);
    expect(kind).toBe('auto-reply');
    expect(await draftsOf(letterId)).toHaveLength(0);
  });

  it('mail tied to a letter from the triage queue makes its draft then', async () => {
    const letterId = await aDeliveredLetter();
    const { messageId } = await aStoredInboundMessage(rally, coordinator);
    expect(await draftsOf(letterId)).toHaveLength(0);
    const tied = await api('POST', `/inbound/messages/${messageId}/thread`, { letterId });
    expect(tied.status).toBe(200);
    const drafts = await draftsOf(letterId);
    expect(drafts).toHaveLength(1);
    const draft = await api<Entry>('GET', `/responses/${drafts[0]!.response_id}`);
    expect(draft.body).toMatchObject({ status: 'draft', sourceMessageId: messageId, campaignId });
  });

  it('a coordinator classifies a draft: a stance is required to record it; audited', async () => {
    const letterId = await aDeliveredLetter();
    await replyTo(letterId);
    const [{ response_id: id }] = (await draftsOf(letterId)) as [{ response_id: string }];

    const noStance = await api('PATCH', `/responses/${id}`, { status: 'recorded' });
    expect(noStance.status).toBe(422);
    expect(noStance.body.fields).toHaveProperty('stance');

    const [study] = await sqlRows<{ id: string; code: string }>(
      db,
      `SELECT id, code FROM recommendations WHERE organization_id IS NULL ORDER BY code LIMIT 1`,
    );
    const classified = await api<Entry>('PATCH', `/responses/${id}`, {
      status: 'recorded',
      stance: 'acknowledged',
      summary: 'Acknowledged; an answer is promised within a month.',
      recommendationIds: [study!.id],
    });
    expect(classified.status).toBe(200);
    expect(classified.body).toMatchObject({
      status: 'recorded',
      stance: 'acknowledged',
      summary: 'Acknowledged; an answer is promised within a month.',
      recommendations: [{ id: study!.id, code: study!.code, title: expect.any(String) }],
      letters: [expect.objectContaining({ id: letterId })],
    });
    expect(classified.body.recordedAt).not.toBeNull();
    expect(await auditOf(id)).toEqual(['response.classify']);

    const recordedAgain = await api('PATCH', `/responses/${id}`, { stance: null });
    expect(recordedAgain.status).toBe(422);
    expect(recordedAgain.body.fields).toHaveProperty('stance');
  });

  it('coordinators record meetings and statements by hand, filter the log, edit and delete; audited', async () => {
    const interior = await aTarget(rally, coordinator, { name: 'Ministry of the Interior' });
    const letterId = await aDeliveredLetter(interior);
    const created = await api<Entry>(
      'POST',
      '/responses',
      aResponseBody(interior.id, { campaignId, letterIds: [letterId], occurredOn: '2026-05-20' }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      targetId: interior.id,
      campaignId,
      occurredOn: '2026-05-20',
      channel: 'public-statement',
      stance: 'committed',
      status: 'recorded',
      origin: 'staff',
      letters: [expect.objectContaining({ id: letterId })],
      evidence: [{ url: 'https://justice.example.gov/press/2026-06-03', supports: 'the announcement' }],
    });
    const meeting = await aResponse(rally, coordinator, { targetId: interior.id, occurredOn: '2026-06-10' });

    const ids = async (query: string): Promise<string[]> =>
      (await api<{ items: Entry[] }>('GET', `/responses?targetId=${interior.id}&${query}`)).body.items.map((r) => r.id);
    expect(await ids('')).toEqual([meeting.id, created.body.id]);
    expect(await ids(`campaignId=${campaignId}`)).toEqual([created.body.id]);
    expect(await ids('stance=committed')).toEqual([created.body.id]);
    expect(await ids('channel=meeting')).toEqual([meeting.id]);
    expect(await ids('from=2026-06-01')).toEqual([meeting.id]);
    expect(await ids('to=2026-05-31')).toEqual([created.body.id]);
    expect(await ids('status=draft')).toEqual([]);
    const page = await api<{ items: Entry[]; total: number }>('GET', `/responses?targetId=${interior.id}&limit=1`);
    expect(page.body.total).toBe(2);
    expect(page.body.items).toHaveLength(1);

    const edited = await api<Entry>('PATCH', `/responses/${created.body.id}`, { letterIds: [], summary: 'Revised.' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ letters: [], summary: 'Revised.', stance: 'committed' });
    expect((await api('DELETE', `/responses/${created.body.id}`)).status).toBe(204);
    expect((await api('GET', `/responses/${created.body.id}`)).status).toBe(404);
    expect(await auditOf(created.body.id)).toEqual(['response.create', 'response.update', 'response.delete']);
  });

  it('answers every invalid field with a 4xx naming it, never a 500', async () => {
    const other = await aTarget(rally, coordinator);
    const foreignTarget = await aTarget(rally, stranger);
    const lettersElsewhere = await aDeliveredLetter();
    const unknown = '00000000-0000-4000-8000-000000000000';
    const cases: [Record<string, unknown>, string][] = [
      [{ targetId: 'nope' }, 'targetId'],
      [{ targetId: unknown }, 'targetId'],
      [{ targetId: foreignTarget.id }, 'targetId'],
      [{ campaignId: 'nope' }, 'campaignId'],
      [{ campaignId: unknown }, 'campaignId'],
      [{ occurredOn: '2026-02-30' }, 'occurredOn'],
      [{ occurredOn: null }, 'occurredOn'],
      [{ channel: 'fax' }, 'channel'],
      [{ stance: 'maybe' }, 'stance'],
      [{ stance: null }, 'stance'],
      [{ summary: 12 }, 'summary'],
      [{ summary: null }, 'summary'],
      [{ summary: 'x'.repeat(10_001) }, 'summary'],
      [{ status: 'final' }, 'status'],
      [{ recommendationIds: ['x'] }, 'recommendationIds'],
      [{ recommendationIds: [unknown] }, 'recommendationIds'],
      [{ letterIds: 'x' }, 'letterIds'],
      [{ letterIds: [unknown] }, 'letterIds'],
      [{ letterIds: [lettersElsewhere] }, 'letterIds'],
      [{ messageIds: [unknown] }, 'messageIds'],
      [{ evidence: [{ url: 'ftp://example.org/x', supports: 'a' }] }, 'evidence'],
      [{ evidence: 'x' }, 'evidence'],
      [{ unexpected: true }, 'unexpected'],
    ];
    for (const [override, field] of cases) {
      const res = await api('POST', '/responses', aResponseBody(other.id, override));
      expect([res.status, field, res.body.fields ? Object.keys(res.body.fields) : res.body]).toEqual([
        422,
        field,
        [expect.stringContaining(field)],
      ]);
    }
    const existing = await aResponse(rally, coordinator, { targetId: other.id });
    for (const [override, field] of [
      [{ channel: 'fax' }, 'channel'],
      [{ occurredOn: '2026-13-01' }, 'occurredOn'],
      [{ messageIds: [unknown] }, 'messageIds'],
      [{ targetId: foreignTarget.id }, 'targetId'],
    ] as const) {
      const res = await api('PATCH', `/responses/${existing.id}`, override);
      expect([res.status, field, Object.keys(res.body.fields ?? {})]).toEqual([
        422,
        field,
        [expect.stringContaining(field)],
      ]);
    }
    for (const [query, field] of [
      ['from=2026-13-01', 'from'],
      ['stance=maybe', 'stance'],
      ['targetId=nope', 'targetId'],
      ['status=final', 'status'],
    ] as const) {
      const res = await api('GET', `/responses?${query}`);
      expect([res.status, Object.keys(res.body.fields ?? {})]).toEqual([422, [field]]);
    }
  });

  it("another organisation's response is a 404; campaigners read but may not write", async () => {
    const entry = await aResponse(rally, coordinator);
    const outsider = staffApi(rally, stranger);
    expect((await outsider('GET', `/responses/${entry.id}`)).status).toBe(404);
    expect((await outsider('PATCH', `/responses/${entry.id}`, { summary: 'x' })).status).toBe(404);
    expect((await outsider('DELETE', `/responses/${entry.id}`)).status).toBe(404);
    expect((await outsider<{ items: Entry[] }>('GET', '/responses')).body.items.map((r) => r.id)).not.toContain(
      entry.id,
    );

    const asCampaigner = staffApi(rally, campaigner);
    expect((await asCampaigner('GET', `/responses/${entry.id}`)).status).toBe(200);
    expect((await asCampaigner('GET', '/responses')).status).toBe(200);
    expect((await asCampaigner('POST', '/responses', aResponseBody(entry.targetId))).status).toBe(403);
    expect((await asCampaigner('PATCH', `/responses/${entry.id}`, { summary: 'x' })).status).toBe(403);
    expect((await asCampaigner('DELETE', `/responses/${entry.id}`)).status).toBe(403);
    expect((await api('GET', `/responses/${entry.id}`)).body).toMatchObject({ summary: entry.summary });
  });
});
