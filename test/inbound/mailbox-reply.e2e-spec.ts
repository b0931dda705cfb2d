import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Role } from '#rally/access';
import { sqlOne } from '#rally/core';
import { aLetterAction, aLetterForm } from '#rally-testing/letters';
import { createOrgWithMember } from '#rally-testing/organisations';
import { aTarget } from '#rally-testing/targets';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import { waitUntil } from '../support/processes.js';
import { pressConfirm } from '../support/one-click.js';
import { postLetterJson } from '../letters/letter-helpers.js';
import { storedRaw } from './inbound-helpers.js';

interface Captured {
  id: string;
  to: string;
  subject: string;
  text: string;
  replyTo: string | null;
}

/**
 * The embedded default's whole loop without DNS: a letter goes out (captured), the local mailbox offers "Reply to
 * this letter", and the reply comes back in through Rally's own inbound SMTP server.
 */
describe('local mailbox: reply to a captured letter through the inbound SMTP server', () => {
  let rally: RallyHarness;
  let db: DataSource;
  beforeAll(async () => {
    rally = await startRally({
      mail: 'capture',
      inbound: true,
      env: { LETTER_DISPATCH_MS: '200', LETTER_SUPPORTER_MAIL_MS: '200' },
    });
    db = rally.api.get<DataSource>(getDataSourceToken());
  });
  afterAll(() => rally.close());

  const mailbox = async (to: string): Promise<Captured[]> =>
    (await fetch(`${rally.baseUrl}/dev/mailbox/messages?to=${encodeURIComponent(to)}`)).json() as Promise<Captured[]>;
  const firstMailTo = async (to: string): Promise<Captured> => {
    let found: Captured[] = [];
    await waitUntil(async () => (found = await mailbox(to)).length > 0, 30_000, 100);
    return found[0]!;
  };
  const reply = (id: string, text: string): Promise<Response> =>
    fetch(`${rally.baseUrl}/dev/mailbox/messages/${id}/reply`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ text }).toString(),
    });

  it('stores the reply for the letter’s organisation, threaded by its token and In-Reply-To', async () => {
    const staff = await createOrgWithMember(rally, { role: Role.Campaigner });
    const target = await aTarget(rally, staff, { country: 'FR' });
    const action = await aLetterAction(rally, staff, { routing: { mode: 'country' } });
    const form = aLetterForm({ country: 'FR' });
    const preview = (await (await postLetterJson(rally, action.slug, 'preview', form)).json()) as { plan: string };
    expect((await postLetterJson(rally, action.slug, 'send', { ...form, plan: preview.plan })).status).toBe(202);
    const confirmation = await firstMailTo(form.email as string);
    expect(confirmation.replyTo).toBeNull(); // supporter mail is no letter: no reply form
    const link = /(http:\/\/\S+\/confirm\/\S+)/.exec(confirmation.text)?.[1];
    expect((await pressConfirm(link!)).status).toBeLessThan(400);

    const letterMail = await firstMailTo(target.emails![0]!.address);
    const letter = await sqlOne<{ id: string; reply_to: string; message_id: string }>(
      db,
      `SELECT id, reply_to, message_id FROM letters WHERE target_id = $1`,
      [target.id],
    );
    expect(letterMail.replyTo).toBe(letter.reply_to);
    const page = await (await fetch(`${rally.baseUrl}/dev/mailbox`)).text();
    expect(page).toContain(`action="/dev/mailbox/messages/${letterMail.id}/reply"`);
    expect(page).not.toContain(`action="/dev/mailbox/messages/${confirmation.id}/reply"`);
    // The captured HTML of a message, and a clean 404 for an unknown one.
    const shown = await fetch(`${rally.baseUrl}/dev/mailbox/messages/${letterMail.id}/html`);
    expect([shown.status, shown.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    const unknown = await fetch(`${rally.baseUrl}/dev/mailbox/messages/00000000-0000-4000-8000-000000000000/html`);
    expect(unknown.status).toBe(404);

    const answer = await reply(letterMail.id, 'Thank you.\r\nThe minister has read your letter.');
    const html = await answer.text();
    expect([answer.status, html]).toEqual([200, expect.stringContaining('250 2.0.0 Stored as')]);
    const messageId = /Stored as ([0-9a-f-]{36})/.exec(html)![1]!;
    const row = await sqlOne<Record<string, unknown>>(db, `SELECT * FROM inbound_messages WHERE id = $1`, [messageId]);
    expect(row).toMatchObject({
      organization_id: staff.organisation.id,
      channel: 'smtp',
      envelope_from: target.emails![0]!.address,
      envelope_to: [letter.reply_to],
      token_letter_id: letter.id,
    });
    const raw = (await storedRaw(db, messageId)).raw.toString();
    // Folded by the sender: the header's value after any white space.
    expect(raw.replace(/\r\n[ \t]+/g, ' ')).toContain(`In-Reply-To: ${letter.message_id}`);
    expect(raw).toMatch(/^Subject: Re: /m);
    expect(raw).toContain('The minister has read your letter.');
  });

  it('refuses an empty reply (422) and a message that is no letter (404)', async () => {
    const letterMail = (await (await fetch(`${rally.baseUrl}/dev/mailbox/messages`)).json()) as Captured[];
    const withReply = letterMail.find((m) => m.replyTo);
    const without = letterMail.find((m) => !m.replyTo);
    expect((await reply(withReply!.id, '   ')).status).toBe(422);
    expect((await reply(without!.id, 'Hello')).status).toBe(404);
  });
});
