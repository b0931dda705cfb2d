import { connect } from 'node:net';
import { Readable } from 'node:stream';
import nodemailer from 'nodemailer';
import type { DataSource } from 'typeorm';
import { sqlOne, sqlRows } from '#rally/core';
import { LetterAddresses, LETTERS_CONFIG } from '#rally/letters';
import { TEST_SECRET_KEY } from '#rally-testing/core';
import { aLetterAction, aStoredLetter } from '#rally-testing/letters';
import type { StaffHandle } from '#rally-testing/organisations';
import { aTarget } from '#rally-testing/targets';
import type { RallyHarness } from '../support/rally-harness.js';

/** The reply and bounce addresses Rally gives letters, under the harness's key and reply domain. */
export const addressesOf = (rally: RallyHarness): LetterAddresses =>
  new LetterAddresses(TEST_SECRET_KEY, rally.config.section(LETTERS_CONFIG).replyDomain);

/** One stored letter of the member's organisation (its action and target made for it). */
export async function aLetterOf(rally: RallyHarness, staff: StaffHandle): Promise<string> {
  const action = await aLetterAction(rally, staff);
  const target = await aTarget(rally, staff);
  return (await aStoredLetter(rally, staff, action.id, target.id)).letterId;
}

/** A ministry's reply as raw MIME (CRLF line ends, as SMTP carries it). */
export function aReply(to: string, options: { inReplyTo?: string; body?: string; subject?: string } = {}): string {
  return [
    'From: Ministry of Justice <cabinet@justice.example.gov>',
    `To: ${to}`,
    `Subject: ${options.subject ?? 'Re: Children do not belong in detention'}`,
    `Message-ID: <${Math.random().toString(36).slice(2)}@justice.example.gov>`,
    ...(options.inReplyTo ? [`In-Reply-To: ${options.inReplyTo}`] : []),
    'Date: Tue, 02 Jun 2026 10:00:00 +0200',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    options.body ?? 'Thank you for your letter. The minister will answer in due course.',
    '',
  ].join('\r\n');
}

export interface SmtpRefusal {
  responseCode?: number;
  response?: string;
  rejected?: string[];
}

/** Sends a raw message over SMTP to the harness's inbound server, as a ministry's mail server would. */
export async function sendToInbound(
  rally: RallyHarness,
  envelope: { from: string; to: string[] },
  raw: string | Buffer | Readable,
): Promise<{ response: string; accepted: string[]; rejected: string[]; rejectedErrors?: SmtpRefusal[] }> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: rally.inbound!.port,
    secure: false,
    ignoreTLS: true,
  });
  try {
    return (await transport.sendMail({ envelope, raw })) as Awaited<ReturnType<typeof sendToInbound>>;
  } finally {
    transport.close();
  }
}

/** The same, answering the refusal instead of throwing it. */
export async function refusalOf(
  rally: RallyHarness,
  envelope: { from: string; to: string[] },
  raw: string | Buffer | Readable,
): Promise<SmtpRefusal> {
  try {
    await sendToInbound(rally, envelope, raw);
  } catch (error) {
    return error as SmtpRefusal;
  }
  throw new Error('the inbound server accepted the message');
}

/** Rows in one of the inbound tables. */
export async function rowsIn(db: DataSource, table: 'inbound_messages' | 'inbound_message_chunks'): Promise<number> {
  return (await sqlOne<{ n: number }>(db, `SELECT count(*)::int AS n FROM ${table}`)).n;
}

/** The stored raw message, its pieces joined in order, and their sizes. */
export async function storedRaw(db: DataSource, messageId: string): Promise<{ raw: Buffer; pieces: number[] }> {
  const rows = await sqlRows<{ data: Buffer }>(
    db,
    `SELECT data FROM inbound_message_chunks WHERE message_id = $1 ORDER BY seq`,
    [messageId],
  );
  return { raw: Buffer.concat(rows.map((r) => r.data)), pieces: rows.map((r) => r.data.length) };
}

export const storedId = (response: string): string => {
  const id = /Stored as ([0-9a-f-]{36})/.exec(response)?.[1];
  if (!id) throw new Error(`no stored id in "${response}"`);
  return id;
};

/**
 * A raw SMTP conversation: sends each line (CRLF added) after the previous answer, and returns every answer line.
 * Answers to lines the server never answers (closed connection) are ''.
 */
export async function smtpDialog(port: number, lines: (string | Buffer)[]): Promise<string[]> {
  const socket = connect(port, '127.0.0.1');
  let buffered = '';
  let waiting: ((text: string) => void) | null = null;
  const flush = (): void => {
    // A whole reply: its last line is "NNN text" (a dash after the code continues it).
    const m = /(^|\r\n)(\d{3}) [^\r\n]*\r\n$/.exec(buffered);
    if (m && waiting) {
      const text = buffered;
      buffered = '';
      const w = waiting;
      waiting = null;
      w(text);
    }
  };
  socket.on('data', (d: Buffer) => ((buffered += d.toString('latin1')), flush()));
  socket.on('close', () => waiting?.(''));
  socket.on('error', () => waiting?.(''));
  const next = (): Promise<string> =>
    new Promise((resolve) => {
      waiting = resolve;
      flush();
    });
  const answers = [await next()];
  for (const line of lines) {
    socket.write(Buffer.isBuffer(line) ? line : `${line}\r\n`, 'latin1');
    answers.push((await next()).trim());
  }
  socket.destroy();
  return answers;
}

/** A message of about `bytes` bytes made as it is read: the sender holds no more of it than the socket asks for. */
export function generatedMessage(to: string, bytes: number): Readable {
  const line = `${'The ministry has considered your letter carefully.'.padEnd(76, '.')}\r\n`;
  let sent = 0;
  let headers = false;
  return new Readable({
    read() {
      if (!headers) {
        headers = true;
        this.push(aReply(to, { body: '' }));
        return;
      }
      if (sent >= bytes) return void this.push(null);
      const block = line.repeat(800);
      sent += block.length;
      this.push(block);
    },
  });
}

/**
 * Sends a message over a plain socket, writing the body only as fast as the server reads it (the body must have no
 * line starting with a dot): a sender that holds nothing, for measuring the receiving side. Answers the final reply.
 */
export function streamToInbound(port: number, envelope: { from: string; to: string }, body: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let buffered = '';
    let step = 0;
    const commands = ['EHLO sender.example.gov', `MAIL FROM:<${envelope.from}>`, `RCPT TO:<${envelope.to}>`, 'DATA'];
    socket.on('error', reject);
    socket.on('data', (d: Buffer) => {
      buffered += d.toString();
      const m = /(?:^|\r\n)(\d{3}) [^\r\n]*\r\n$/.exec(buffered);
      if (!m) return;
      const reply = buffered.trim().split('\r\n').at(-1)!;
      buffered = '';
      if (step < commands.length) {
        if (step > 0 && !/^(250|354)/.test(reply)) return void (socket.destroy(), resolve(reply));
        socket.write(`${commands[step++]}\r\n`);
      } else if (step === commands.length) {
        step++;
        if (!reply.startsWith('354')) return void (socket.destroy(), resolve(reply));
        body.on('end', () => socket.write('\r\n.\r\n'));
        body.pipe(socket, { end: false });
      } else {
        socket.end('QUIT\r\n');
        resolve(reply);
      }
    });
  });
}
