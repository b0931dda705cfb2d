import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Role } from '#rally/access';
import { JobQueue, sqlOne } from '#rally/core';
import { INBOUND_CONFIG, InboundJob } from '#rally/inbound';
import { LetterAddresses } from '#rally/letters';
import type { StaffHandle } from '#rally-testing/organisations';
import { createOrgWithMember } from '#rally-testing/organisations';
import { startInboundContext, startRally, type RallyHarness } from '../support/rally-harness.js';
import { captureLogLines } from '../support/log-lines.js';
import { waitUntil } from '../support/processes.js';
import {
  addressesOf,
  aLetterOf,
  aReply,
  generatedMessage,
  refusalOf,
  rowsIn,
  sendToInbound,
  smtpDialog,
  storedId,
  storedRaw,
} from './inbound-helpers.js';

const MINISTRY = 'cabinet@justice.example.gov';

describe('inbound SMTP: what Rally accepts at RCPT, stores before 250, and queues', () => {
  let rally: RallyHarness;
  let db: DataSource;
  let staff: StaffHandle;
  let letterId: string;
  beforeAll(async () => {
    // No worker: the Process job stays in the queue, where the test finds it.
    rally = await startRally({ worker: false, inbound: true });
    db = rally.api.get<DataSource>(getDataSourceToken());
    staff = await createOrgWithMember(rally, { role: Role.Admin });
    letterId = await aLetterOf(rally, staff);
  });
  afterAll(() => rally.close());

  const messages = (): Promise<number> => rowsIn(db, 'inbound_messages');
  const chunks = (): Promise<number> => rowsIn(db, 'inbound_message_chunks');

  it('stores a valid reply exactly as sent, for the letter’s organisation, and queues its processing', async () => {
    const to = addressesOf(rally).replyTo(letterId);
    const raw = aReply(to, { inReplyTo: '<letter.x@reply.localhost>' });
    const info = await sendToInbound(rally, { from: MINISTRY, to: [to] }, raw);
    expect(info.response).toMatch(/^250 /);
    const id = storedId(info.response);

    const row = await sqlOne<Record<string, unknown>>(db, `SELECT * FROM inbound_messages WHERE id = $1`, [id]);
    expect(row).toMatchObject({
      organization_id: staff.organisation.id,
      channel: 'smtp',
      status: 'received',
      envelope_from: MINISTRY,
      envelope_to: [to],
      size: Buffer.byteLength(raw),
      token_letter_id: letterId,
      letter_id: null,
    });
    expect((await storedRaw(db, id)).raw.toString('utf8')).toBe(raw);

    const job = await rally.api.get(JobQueue).queue(InboundJob.Process.queue).getJob(id);
    expect(job?.name).toBe(InboundJob.Process.name);
    expect(job?.data).toEqual({ messageId: id });
  });

  it('refuses forged, altered, old-key and unknown tokens, and other addresses, with one and the same 550', async () => {
    const addresses = addressesOf(rally);
    const valid = addresses.replyTo(letterId);
    const token = valid.slice('reply+'.length, valid.indexOf('@'));
    const altered = `reply+${token.slice(0, 10)}${token[10] === 'a' ? 'b' : 'a'}${token.slice(11)}@${addresses.domain}`;
    const bad = [
      `reply+1${'a'.repeat(42)}@${addresses.domain}`, // forged: well formed, wrong MAC
      altered,
      // A key this installation does not hold (retired from LETTER_TOKEN_KEYS, or another installation's).
      new LetterAddresses(
        [{ version: '2', secret: 'a-retired-key-of-at-least-32-characters' }],
        addresses.domain,
      ).replyTo(letterId),
      addresses.replyTo(randomUUID()), // verifies, but no such letter
      `reply+${token}@elsewhere.example.org`, // right token, another domain: never a relay
      `postmaster@${addresses.domain}`,
      `reply+@${addresses.domain}`,
      `reply+${token}x@${addresses.domain}`,
    ];
    const before = await messages();
    const answers = new Set<string>();
    for (const to of bad) {
      const refusal = await refusalOf(rally, { from: MINISTRY, to: [to] }, aReply(to));
      expect(refusal.responseCode).toBe(550);
      answers.add(refusal.response ?? '');
    }
    expect([...answers]).toEqual(['550 5.1.1 No such recipient']);
    expect(await messages()).toBe(before);
  });

  it('accepts a token in upper case (mail systems may change the case of a local part)', async () => {
    const to = addressesOf(rally).replyTo(letterId).toUpperCase();
    const info = await sendToInbound(rally, { from: MINISTRY, to: [to] }, aReply(to));
    const row = await sqlOne<{ token_letter_id: string }>(
      db,
      `SELECT token_letter_id FROM inbound_messages WHERE id = $1`,
      [storedId(info.response)],
    );
    expect(row.token_letter_id).toBe(letterId);
  });

  it('refuses a token of another purpose (bounce+ with a reply token), accepts bounce+ with its own', async () => {
    const addresses = addressesOf(rally);
    const replyToken = addresses.replyTo(letterId).split('@')[0]!.slice('reply+'.length);
    const swapped = `bounce+${replyToken}@${addresses.domain}`;
    expect((await refusalOf(rally, { from: '', to: [swapped] }, aReply(swapped))).response).toBe(
      '550 5.1.1 No such recipient',
    );
    const bounce = addresses.bounceAddress(letterId);
    const info = await sendToInbound(rally, { from: '', to: [bounce] }, aReply(bounce));
    const row = await sqlOne<{ envelope_from: string; token_letter_id: string }>(
      db,
      `SELECT envelope_from, token_letter_id FROM inbound_messages WHERE id = $1`,
      [storedId(info.response)],
    );
    expect(row).toEqual({ envelope_from: '', token_letter_id: letterId });
  });

  it('keeps one message to one organisation: a recipient of another organisation gets 452, to be sent again apart', async () => {
    const other = await createOrgWithMember(rally, { role: Role.Admin });
    const otherLetter = await aLetterOf(rally, other);
    const secondOwn = await aLetterOf(rally, staff);
    const addresses = addressesOf(rally);
    const [mine, theirs, mineToo] = [letterId, otherLetter, secondOwn].map((id) => addresses.replyTo(id));
    const info = await sendToInbound(rally, { from: MINISTRY, to: [mine!, theirs!, mineToo!] }, aReply(mine!));
    expect(info.accepted).toEqual([mine, mineToo]);
    expect(info.rejected).toEqual([theirs]);
    expect(info.rejectedErrors?.[0]?.responseCode).toBe(452);
    const row = await sqlOne<{ organization_id: string; envelope_to: string[]; token_letter_id: string }>(
      db,
      `SELECT organization_id, envelope_to, token_letter_id FROM inbound_messages WHERE id = $1`,
      [storedId(info.response)],
    );
    expect(row).toEqual({
      organization_id: staff.organisation.id,
      envelope_to: [mine, mineToo],
      token_letter_id: letterId,
    });
  });

  it('answers 552 to a message over the limit while it streams, and keeps nothing of it', async () => {
    const to = addressesOf(rally).replyTo(letterId);
    const limit = rally.config.section(INBOUND_CONFIG).maxBytes;
    const [beforeMessages, beforeChunks] = [await messages(), await chunks()];
    // No SIZE= in MAIL FROM (the length of a stream is unknown): the limit bites in DATA, after ~40 stored pieces.
    const refusal = await refusalOf(rally, { from: MINISTRY, to: [to] }, generatedMessage(to, limit + 1_000_000));
    expect(refusal.responseCode).toBe(552);
    expect([await messages(), await chunks()]).toEqual([beforeMessages, beforeChunks]);
    // Announced too, and refused up front when the sender declares the size.
    const answers = await smtpDialog(rally.inbound!.port, [
      'EHLO ministry.example.gov',
      `MAIL FROM:<${MINISTRY}> SIZE=${limit + 1}`,
    ]);
    expect(answers[1]).toMatch(new RegExp(`^250[- ]SIZE ${limit}$`, 'm'));
    expect(answers[2]).toMatch(/^552 /);
  });

  it('survives malformed commands and broken MIME', async () => {
    const to = addressesOf(rally).replyTo(letterId);
    const answers = await smtpDialog(rally.inbound!.port, [
      'EHLO ministry.example.gov',
      'RCPT TO:<nobody>',
      'MAIL FROM:<<<>>>',
      'DATA',
      'AUTH PLAIN AGFkbWluAHNlY3JldA==',
      'STARTTLS',
      Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x0d, 0x0a]),
      `RCPT TO:<${'x'.repeat(2000)}@${'y'.repeat(300)}>`,
      `MAIL FROM:<${MINISTRY}>`,
      `RCPT TO:<${to}> NOTIFY=NEVER BOGUS=1`,
      'RSET',
      'NOOP',
    ]);
    expect(answers[0]).toMatch(/^220 /);
    expect(answers[1]).toMatch(/^250/); // EHLO: no AUTH, and no STARTTLS without a certificate
    expect(answers[1]).not.toMatch(/AUTH|STARTTLS/);
    expect(answers.slice(2, 9).map((a) => a.slice(0, 1))).toEqual(['5', '5', '5', '5', '5', '5', '5']);
    expect(answers.slice(9).map((a) => a.slice(0, 3))).toEqual(['250', '250', '250', '250']); // then a normal session

    // Not MIME at all, NUL bytes and bare CRs included, sent byte for byte: stored as it came, for processing to judge.
    const garbage = Buffer.concat([
      Buffer.from('no headers\r\n\x00\x01\r\rbinary '),
      Buffer.alloc(300, 0xfe),
      Buffer.from('\r\n'),
    ]);
    const dialog = await smtpDialog(rally.inbound!.port, [
      'EHLO ministry.example.gov',
      `MAIL FROM:<${MINISTRY}>`,
      `RCPT TO:<${to}>`,
      'DATA',
      Buffer.concat([garbage, Buffer.from('.\r\n')]),
    ]);
    expect(dialog.at(-1)).toMatch(/^250 /);
    expect((await storedRaw(db, storedId(dialog.at(-1)!))).raw.equals(garbage)).toBe(true);
  });

  it('writes one log line per message with ids and sizes, never an address or content', async () => {
    const { lines, destination } = captureLogLines();
    const logged = await startInboundContext(rally.config, undefined, destination);
    try {
      const to = addressesOf(rally).replyTo(letterId);
      const body = 'A confidential answer about a named child.';
      const info = await sendToInbound(
        { ...rally, inbound: logged },
        { from: MINISTRY, to: [to] },
        aReply(to, { body }),
      );
      const perMessage = lines.filter((l) => l.msg === 'inbound message');
      expect(perMessage).toHaveLength(1);
      expect(perMessage[0]).toMatchObject({
        channel: 'smtp',
        outcome: 'stored',
        messageId: storedId(info.response),
        organisationId: staff.organisation.id,
        recipients: 1,
      });
      const all = JSON.stringify(lines);
      for (const secret of [to, to.split('@')[0], MINISTRY, body]) expect(all).not.toContain(secret);
    } finally {
      await logged.app.close();
    }
  });

  it('shuts down gracefully: stops accepting, answers the message in flight, then closes', async () => {
    const server = await startInboundContext(rally.config);
    const to = addressesOf(rally).replyTo(letterId);
    const socket = connect(server.port, '127.0.0.1');
    const replies: string[] = [];
    const replied = (code: string): Promise<void> =>
      new Promise((resolve) => {
        const check = (): void =>
          replies.some((r) => r.startsWith(code)) ? resolve() : void socket.once('data', check);
        check();
      });
    socket.on('data', (d: Buffer) => replies.push(...d.toString().split('\r\n').filter(Boolean)));
    await replied('220');
    socket.write(`EHLO ministry.example.gov\r\nMAIL FROM:<${MINISTRY}>\r\nRCPT TO:<${to}>\r\nDATA\r\n`);
    await replied('354');
    const raw = aReply(to, { body: 'Half now,' });
    socket.write(raw);

    const closing = server.app.close();
    // No new connection once closing started (the listener is gone).
    await waitUntil(
      () =>
        new Promise<boolean>((resolve) => {
          const probe = connect(server.port, '127.0.0.1');
          probe.once('error', () => resolve(true));
          probe.once('connect', () => (probe.destroy(), resolve(false)));
        }),
      5_000,
      20,
    );
    socket.write('the rest later.\r\n.\r\n');
    await replied('250');
    await closing;
    const id = storedId(replies.find((r) => r.startsWith('250 2.0.0'))!);
    expect((await storedRaw(db, id)).raw.toString()).toBe(`${raw}the rest later.\r\n`);
    socket.destroy();
  });

  it('keeps nothing of a message whose sender vanishes mid-way, even after pieces of it were written', async () => {
    const { lines, destination } = captureLogLines();
    const logged = await startInboundContext(rally.config, undefined, destination);
    try {
      const to = addressesOf(rally).replyTo(letterId);
      const before = [await messages(), await chunks()];
      // 600 KB: two pieces are written inside the transaction before the sender goes away.
      const part = Buffer.from(`${aReply(to, { body: '' })}${'x'.repeat(998)}\r\n`.repeat(600));
      const answers = await smtpDialog(logged.port, [
        'EHLO ministry.example.gov',
        `MAIL FROM:<${MINISTRY}>`,
        `RCPT TO:<${to}>`,
        'DATA',
      ]);
      expect(answers.at(-1)).toMatch(/^354 /);
      await new Promise<void>((resolve, reject) => {
        const socket = connect(logged.port, '127.0.0.1');
        socket.on('error', reject);
        socket.on('data', (d: Buffer) => {
          const text = d.toString();
          if (text.startsWith('220 ')) socket.write(`EHLO m\r\nMAIL FROM:<${MINISTRY}>\r\nRCPT TO:<${to}>\r\nDATA\r\n`);
          if (text.includes('354 ')) socket.write(part, () => (socket.destroy(), resolve()));
        });
      });
      await waitUntil(() => lines.some((l) => l.msg === 'inbound message' && l.outcome === 'failed'), 10_000, 20);
      expect([await messages(), await chunks()]).toEqual(before);
      // And the server goes on taking mail.
      const info = await sendToInbound({ ...rally, inbound: logged }, { from: MINISTRY, to: [to] }, aReply(to));
      expect(info.response).toMatch(/^250 /);
    } finally {
      await logged.app.close();
    }
  });
});
