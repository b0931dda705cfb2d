import type { AddressInfo } from 'node:net';
import type { ParsedMail } from 'mailparser';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  headers: Map<string, unknown>;
  raw: string;
  /** The user the client signed in as; undefined when it sent without AUTH. */
  user?: string;
}

export interface SmtpSink {
  url: string;
  port: number;
  messages: CaughtMail[];
  /** Resolves once `count` messages matching `filter` have arrived, or rejects after `timeoutMs`. */
  waitFor(count: number, filter?: (m: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail[]>;
  /** Makes the next deliveries to matching recipients fail with the given SMTP code (and words, after the code). */
  rejectRecipients(match: (to: string) => boolean, code: number, text?: string): void;
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 that accepts and parses everything: the relay in e2e tests and benchmarks. */
export async function startSmtpSink(
  options: { parse?: boolean; delayMs?: number; auth?: { user: string; pass: string } } = {},
): Promise<SmtpSink> {
  const parse = options.parse ?? true;
  const messages: CaughtMail[] = [];
  const waiters = new Set<() => void>();
  let reject: { match: (to: string) => boolean; code: number; text?: string } | undefined;
  const auth = options.auth;
  const server = new SMTPServer({
    // With `auth`, a relay that takes mail only after sign-in (plain AUTH over loopback, no TLS in tests).
    authOptional: !auth,
    allowInsecureAuth: !!auth,
    onAuth(credentials, _session, callback) {
      if (auth && credentials.username === auth.user && credentials.password === auth.pass)
        return callback(null, { user: credentials.username });
      callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
    },
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      if (reject?.match(address.address)) {
        const err = Object.assign(new Error(reject.text ?? 'Mailbox unavailable'), { responseCode: reject.code });
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        // A slow relay, so tests can interrupt a batch while messages are in flight.
        if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
        const raw = Buffer.concat(chunks).toString('utf8');
        const to = session.envelope.rcptTo.map((r) => r.address).join(', ');
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const user = typeof session.user === 'string' ? session.user : undefined;
        if (parse) {
          const parsed: ParsedMail = await simpleParser(raw);
          messages.push({
            to,
            from,
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            headers: parsed.headers,
            raw,
            user,
          });
        } else {
          messages.push({ to, from, subject: '', text: '', html: '', headers: new Map(), raw, user });
        }
        for (const w of waiters) w();
        callback();
      });
    },
  });
  // A client killed mid-message (a SIGKILLed worker) makes the server emit ECONNRESET; unheard, it would crash the test run.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    rejectRecipients(match, code, text) {
      reject = { match, code, text };
    },
    waitFor(count, filter = () => true, timeoutMs = 20_000) {
      return new Promise((resolve, rejectWait) => {
        // Each arrival looks only at the messages caught since the last look: re-filtering them all made a wait for
        // 6,000 mails cost the sink's process ~18 million calls, on the cores the benchmarked sender runs on.
        let found: CaughtMail[] = [];
        let seen = 0;
        let last: CaughtMail | undefined;
        const check = (): boolean => {
          if (seen > 0 && messages[seen - 1] !== last) [found, seen] = [[], 0]; // the caller emptied the list
          for (; seen < messages.length; seen++) if (filter(messages[seen]!)) found.push(messages[seen]!);
          last = messages[seen - 1];
          if (found.length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
            return true;
          }
          return false;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          rejectWait(
            new Error(`Expected ${count} mail(s), caught ${messages.filter(filter).length} in ${timeoutMs} ms`),
          );
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
