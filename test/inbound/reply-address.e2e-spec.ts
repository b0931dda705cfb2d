import type { DataSource } from 'typeorm';
import { Role } from '#rally/access';
import { aWebhookSource, webhookSignature } from '#rally-testing/inbound';
import type { StaffHandle } from '#rally-testing/organisations';
import { addMember, createOrgWithMember, dataSourceOf } from '#rally-testing/organisations';
import { waitUntil } from '../support/processes.js';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import { staffApi } from '../support/staff-api.js';
import { addressesOf, aLetterOf, aReply, refusalOf, sendToInbound } from './inbound-helpers.js';

const MINISTRY = 'cabinet@justice.example.gov';

/** Coordinators revoke a letter's reply address when spam finds it: refused at RCPT, triaged by other ways in. */
describe("a letter's reply address, revoked and restored", () => {
  let rally: RallyHarness;
  let admin: StaffHandle;
  let db: DataSource;
  beforeAll(async () => {
    rally = await startRally({ inbound: true });
    admin = await createOrgWithMember(rally, { role: Role.Admin });
    db = dataSourceOf(rally);
  });
  afterAll(() => rally.close());

  it('a revoked reply address gets the forged token’s 550 while its bounce address still takes reports; restoring takes mail again', async () => {
    const api = staffApi(rally, admin);
    const letterId = await aLetterOf(rally, admin);
    const addresses = addressesOf(rally);
    const reply = addresses.replyTo(letterId);
    // As the letter was sent (the stored-letter fixture keeps a placeholder).
    await db.query(`UPDATE letters SET reply_to = $2 WHERE id = $1`, [letterId, reply]);
    expect((await api('GET', `/inbound/letters/${letterId}/reply-address`)).body).toMatchObject({
      address: reply,
      takesMail: true,
      revokedAt: null,
    });

    const revoked = await api('POST', `/inbound/letters/${letterId}/reply-address/revoke`, { reason: 'spam' });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ takesMail: false, reason: 'spam' });
    const refusal = await refusalOf(rally, { from: MINISTRY, to: [reply] }, aReply(reply));
    expect(refusal.response).toBe('550 5.1.1 No such recipient');
    const bounce = addresses.bounceAddress(letterId);
    expect((await sendToInbound(rally, { from: '', to: [bounce] }, aReply(bounce))).response).toMatch(/^250 /);

    // Twice is the same; one audit line each way.
    expect((await api('POST', `/inbound/letters/${letterId}/reply-address/revoke`, {})).body).toMatchObject({
      reason: 'spam',
    });
    const restored = await api('POST', `/inbound/letters/${letterId}/reply-address/restore`);
    expect(restored.body).toMatchObject({ takesMail: true, revokedAt: null });
    expect((await sendToInbound(rally, { from: MINISTRY, to: [reply] }, aReply(reply))).response).toMatch(/^250 /);
    const audit = (await db.query(
      `SELECT action FROM audit_event WHERE organization_id = $1 AND object_id = $2 ORDER BY at`,
      [admin.organisation.id, letterId],
    )) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['letter.reply-address-revoke', 'letter.reply-address-restore']);
  });

  it('mail for a revoked reply address arriving by webhook goes to triage, not to the letter', async () => {
    const letterId = await aLetterOf(rally, admin);
    const reply = addressesOf(rally).replyTo(letterId);
    await staffApi(rally, admin)('POST', `/inbound/letters/${letterId}/reply-address/revoke`, {});
    const source = await aWebhookSource(rally, admin);
    const raw = aReply(reply);
    const res = await fetch(`${rally.baseUrl}/inbound/webhooks/${source.source.id}`, {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822', ...webhookSignature(source.secret, raw) },
      body: raw,
    });
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };
    await waitUntil(async () => {
      const [row] = (await db.query(`SELECT status FROM inbound_messages WHERE id = $1`, [id])) as { status: string }[];
      return row?.status === 'processed';
    }, 15_000);
    const [row] = (await db.query(`SELECT letter_id, kind FROM inbound_messages WHERE id = $1`, [id])) as {
      letter_id: string | null;
      kind: string;
    }[];
    expect(row).toEqual({ letter_id: null, kind: 'reply' });
  });

  it('campaigners may look but not revoke; another organisation’s letter is not found', async () => {
    const letterId = await aLetterOf(rally, admin);
    const campaigner = await addMember(rally, admin.organisation, { role: Role.Campaigner });
    const asCampaigner = staffApi(rally, campaigner);
    expect((await asCampaigner('GET', `/inbound/letters/${letterId}/reply-address`)).status).toBe(200);
    expect((await asCampaigner('POST', `/inbound/letters/${letterId}/reply-address/revoke`, {})).status).toBe(403);
    const other = await createOrgWithMember(rally, { role: Role.Admin });
    expect((await staffApi(rally, other)('POST', `/inbound/letters/${letterId}/reply-address/revoke`, {})).status).toBe(
      404,
    );
    const tooLong = await staffApi(rally, admin)('POST', `/inbound/letters/${letterId}/reply-address/revoke`, {
      reason: 'x'.repeat(501),
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.fields).toHaveProperty('reason');
  });
});
