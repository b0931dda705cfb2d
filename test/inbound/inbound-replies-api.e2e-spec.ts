import type { DataSource } from 'typeorm';
import { Role } from '#rally/access';
import type { Target } from '#rally/targets';
import { aStoredInboundMessage, anInboundAlert } from '#rally-testing/inbound';
import { aLetterAction, aStoredLetter } from '#rally-testing/letters';
import type { StaffHandle } from '#rally-testing/organisations';
import { addMember, createOrgWithMember, dataSourceOf } from '#rally-testing/organisations';
import { aCampaign } from '#rally-testing/petitions';
import { aTarget } from '#rally-testing/targets';
import { dsn } from '../../libs/inbound/src/testing/inbound-messages.js';
import { waitUntil } from '../support/processes.js';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import type { StaffApi } from '../support/staff-api.js';
import { staffApi } from '../support/staff-api.js';
import { addressesOf, aReply, sendToInbound } from './inbound-helpers.js';

interface Thread {
  letter: { id: string; subject: string; targetName: string; sentAt: string | null };
  messages: { id: string; kind: string; replyText: string; quoted: boolean; hasHtml: boolean }[];
}

/** What the console's reply screens read: threads per campaign and target, the HTML frame, letters to triage to. */
describe('inbound mail in the console: threads, the HTML part, triage choices, alerts, reactivation', () => {
  let rally: RallyHarness;
  let admin: StaffHandle;
  let api: StaffApi;
  let db: DataSource;
  beforeAll(async () => {
    rally = await startRally({ inbound: true });
    admin = await createOrgWithMember(rally, { role: Role.Admin });
    api = staffApi(rally, admin);
    db = dataSourceOf(rally);
  });
  afterAll(() => rally.close());

  /** A letter as the dispatcher leaves it once the relay took it: handed, to the target's first address. */
  async function aDeliveredLetter(actionId: string, target: Target, subject: string): Promise<string> {
    const { letterId } = await aStoredLetter(rally, admin, actionId, target.id);
    const email = target.emails![0]!;
    await db.query(
      `UPDATE letters SET status = 'handed', handed_at = now(), subject = $2, target_email_id = $3, recipient = $4,
         address_normalized = $5, message_id = $6 WHERE id = $1`,
      [letterId, subject, email.id, email.address, email.addressNormalized, addressesOf(rally).messageId(letterId)],
    );
    return letterId;
  }

  async function processedCount(letterId: string): Promise<number> {
    const rows = (await db.query(`SELECT count(*)::int AS n FROM inbound_messages WHERE letter_id = $1`, [
      letterId,
    ])) as [{ n: number }];
    return rows[0].n;
  }

  it('lists the letters of a campaign and of a target with their replies and bounces under each', async () => {
    const campaignId = await aCampaign(rally, admin);
    const action = await aLetterAction(rally, admin, { campaignId });
    const elsewhere = await aLetterAction(rally, admin);
    const justice = await aTarget(rally, admin, { name: 'Ministry of Justice' });
    const interior = await aTarget(rally, admin, { name: 'Ministry of the Interior' });
    const answered = await aDeliveredLetter(action.id, justice, 'End child detention');
    const bounced = await aDeliveredLetter(action.id, interior, 'End child detention too');
    const other = await aDeliveredLetter(elsewhere.id, justice, 'Another campaign');
    const addresses = addressesOf(rally);

    const replyTo = addresses.replyTo(answered);
    await sendToInbound(
      rally,
      { from: 'cabinet@justice.example.gov', to: [replyTo] },
      aReply(replyTo, { body: 'We will study it.\r\n\r\nOn Monday, Ana wrote:\r\n> Please act.' }),
    );
    await sendToInbound(
      rally,
      { from: '', to: [addresses.bounceAddress(bounced)] },
      dsn([{ recipient: interior.emails![0]!.addressNormalized, action: 'failed', status: '5.1.1' }], {
        to: addresses.bounceAddress(bounced),
      }),
    );
    const otherReply = addresses.replyTo(other);
    await sendToInbound(rally, { from: 'cabinet@justice.example.gov', to: [otherReply] }, aReply(otherReply));
    await waitUntil(
      async () =>
        (await processedCount(answered)) + (await processedCount(bounced)) + (await processedCount(other)) === 3,
      15_000,
    );
    await waitUntil(
      async () =>
        (
          (await db.query(`SELECT count(*)::int AS n FROM inbound_messages WHERE status = 'received'`)) as [
            { n: number },
          ]
        )[0].n === 0,
      15_000,
    );

    const byCampaign = await api<{ items: Thread[]; total: number }>(
      'GET',
      `/inbound/threads?campaignId=${campaignId}`,
    );
    expect(byCampaign.status).toBe(200);
    expect(byCampaign.body.total).toBe(2);
    const reply = byCampaign.body.items.find((t) => t.letter.id === answered)!;
    expect(reply.letter).toMatchObject({ subject: 'End child detention', targetName: 'Ministry of Justice' });
    expect(reply.messages).toEqual([
      expect.objectContaining({ kind: 'reply', replyText: 'We will study it.', quoted: true, hasHtml: false }),
    ]);
    const bounce = byCampaign.body.items.find((t) => t.letter.id === bounced)!;
    expect(bounce.messages.map((m) => m.kind)).toEqual(['bounce']);

    const byTarget = await api<{ items: Thread[] }>('GET', `/inbound/threads?targetId=${justice.id}`);
    expect(byTarget.body.items.map((t) => t.letter.id).sort()).toEqual([answered, other].sort());
    expect((await api('GET', '/inbound/threads?campaignId=nope')).body.fields).toHaveProperty('campaignId');
  });

  it('serves the HTML part for a sandboxed frame: nothing runs, its own pictures come inlined, framed by Rally alone', async () => {
    const { messageId } = await aStoredInboundMessage(rally, admin);
    const url = `${rally.baseUrl}/api/orgs/${admin.organisation.slug}/inbound/messages/${messageId}/html`;
    const res = await fetch(url, { headers: admin.bearer() });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const policy = (res.headers.get('content-security-policy') ?? '').split(/;\s*/);
    expect(policy).toEqual(
      expect.arrayContaining([
        "default-src 'none'",
        'img-src data:',
        "style-src 'unsafe-inline'",
        "frame-ancestors 'self'",
      ]),
    );
    const sandbox = policy.find((d) => d.startsWith('sandbox'));
    expect(sandbox).toBeDefined();
    expect(sandbox).not.toMatch(/allow-scripts|allow-same-origin/);
    expect(policy.some((d) => /^script-src/.test(d))).toBe(false);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(await res.text()).toContain('<p>We have received your letter.</p>');

    // Its cid: picture comes inside the page (the sandboxed frame may not fetch it); another message's stays out.
    const other = await aStoredInboundMessage(rally, admin);
    const [{ id: picture }] = (await db.query(
      `INSERT INTO inbound_attachments (organization_id, message_id, file_name, content_type, size, data)
       VALUES ($1, $2, 'seal.png', 'image/png', 3, $3) RETURNING id`,
      [admin.organisation.id, messageId, Buffer.from('PNG')],
    )) as [{ id: string }];
    const path = (m: string, a: string) =>
      `/api/orgs/${admin.organisation.slug}/inbound/messages/${m}/attachments/${a}`;
    await db.query(`UPDATE inbound_messages SET body_html = $2 WHERE id = $1`, [
      messageId,
      `<p><img src="${path(messageId, picture)}" alt="seal"><img src="${path(other.messageId, other.attachmentId)}" alt="x"></p>`,
    ]);
    const inlined = await (await fetch(url, { headers: admin.bearer() })).text();
    expect(inlined).toContain(`<img src="data:image/png;base64,${Buffer.from('PNG').toString('base64')}" alt="seal">`);
    expect(inlined).toContain(`<img src="${path(other.messageId, other.attachmentId)}" alt="x">`);

    await db.query(`UPDATE inbound_messages SET body_html = NULL WHERE id = $1`, [messageId]);
    expect((await fetch(url, { headers: admin.bearer() })).status).toBe(404);
  });

  it('finds the letters that went out by subject, target or address, for coordinators only', async () => {
    const action = await aLetterAction(rally, admin);
    const target = await aTarget(rally, admin, { name: 'Defensoría del Pueblo' });
    const letterId = await aDeliveredLetter(action.id, target, 'Alternatives to detention');
    await aStoredLetter(rally, admin, action.id, target.id); // held, never sent: not a choice
    const found = await api<{ items: { id: string; targetName: string }[]; total: number }>(
      'GET',
      `/inbound/letter-choices?q=${encodeURIComponent('defensoría')}`,
    );
    expect(found.body.items).toEqual([expect.objectContaining({ id: letterId, targetName: 'Defensoría del Pueblo' })]);
    expect((await api<{ total: number }>('GET', '/inbound/letter-choices?q=alternatives%20to')).body.total).toBe(1);
    expect((await api<{ total: number }>('GET', '/inbound/letter-choices?q=%25')).body.total).toBe(0);
    const campaigner = staffApi(rally, await addMember(rally, admin.organisation, { role: Role.Campaigner }));
    expect((await campaigner('GET', '/inbound/letter-choices')).status).toBe(403);
  });

  it('lists alerts nobody acknowledged before the others, with the address and target they are about', async () => {
    const seen = await anInboundAlert(rally, admin);
    expect((await api('POST', `/inbound/alerts/${seen}/acknowledge`)).status).toBe(204);
    const target = await aTarget(rally, admin, { name: 'Ministry of Health' });
    const [{ id: open }] = (await db.query(
      `INSERT INTO inbound_alerts (organization_id, kind, target_email_id, detail, created_at)
       VALUES ($1, 'policy-block', $2, 'policy 5.7.1', now() - interval '1 day') RETURNING id`,
      [admin.organisation.id, target.emails![0]!.id],
    )) as [{ id: string }];
    const all = await api<{ items: { id: string; acknowledgedAt: string | null; targetName: string | null }[] }>(
      'GET',
      '/inbound/alerts?open=false&limit=200',
    );
    const ids = all.body.items.map((a) => a.id);
    expect(ids.indexOf(open)).toBeLessThan(ids.indexOf(seen));
    const firstAcknowledged = all.body.items.findIndex((a) => a.acknowledgedAt !== null);
    expect(all.body.items.slice(firstAcknowledged).every((a) => a.acknowledgedAt !== null)).toBe(true);
    expect(all.body.items.find((a) => a.id === open)).toMatchObject({
      targetName: 'Ministry of Health',
      address: target.emails![0]!.address,
      targetId: target.id,
    });
  });

  it('reactivating a suspended address shows it until then, and its soft bounces start counting again', async () => {
    const target = await aTarget(rally, admin);
    const email = target.emails![0]!;
    // Three soft bounces in the last hours suspended it, as the processor leaves it.
    await db.query(
      `UPDATE target_emails SET state = 'suspended', state_reason = '3 soft bounces within 7 days',
         state_changed_at = now(), suspended_until = now() + interval '3 days' WHERE id = $1`,
      [email.id],
    );
    for (const hours of [3, 2, 1])
      await db.query(
        `INSERT INTO address_bounces (organization_id, target_email_id, bounce_class, status, at)
         VALUES ($1, $2, 'soft', '4.2.2', now() - make_interval(hours => $3))`,
        [admin.organisation.id, email.id, hours],
      );
    const before = await api<{ emails: { id: string; state: string; suspendedUntil: string | null }[] }>(
      'GET',
      `/targets/${target.id}`,
    );
    expect(before.body.emails[0]).toMatchObject({ state: 'suspended', suspendedUntil: expect.any(String) });

    const coordinator = staffApi(rally, await addMember(rally, admin.organisation, { role: Role.Coordinator }));
    const reactivated = await coordinator<{ state: string; suspendedUntil: string | null; stateReason: string }>(
      'PATCH',
      `/targets/${target.id}/emails/${email.id}`,
      { state: 'active', reason: 'The ministry fixed its mailbox' },
    );
    expect(reactivated.body).toMatchObject({
      state: 'active',
      suspendedUntil: null,
      stateReason: 'The ministry fixed its mailbox',
    });

    // One more soft bounce: with the old three it would make four and suspend again.
    const action = await aLetterAction(rally, admin);
    const letterId = await aDeliveredLetter(action.id, target, 'Please answer');
    const bounce = addressesOf(rally).bounceAddress(letterId);
    await sendToInbound(
      rally,
      { from: '', to: [bounce] },
      dsn([{ recipient: email.addressNormalized, action: 'failed', status: '4.2.2' }], { to: bounce }),
    );
    await waitUntil(
      async () =>
        (
          (await db.query(`SELECT count(*)::int AS n FROM address_bounces WHERE target_email_id = $1`, [email.id])) as [
            { n: number },
          ]
        )[0].n === 4,
      15_000,
    );
    await waitUntil(
      async () =>
        (
          (await db.query(
            `SELECT count(*)::int AS n FROM inbound_messages WHERE letter_id = $1 AND status = 'processed'`,
            [letterId],
          )) as [{ n: number }]
        )[0].n === 1,
      15_000,
    );
    const after = await api<{ emails: { state: string }[] }>('GET', `/targets/${target.id}`);
    expect(after.body.emails[0]!.state).toBe('active');
  });
});
