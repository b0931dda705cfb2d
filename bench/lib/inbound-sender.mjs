// The inbound benchmark's load generator, in its own process (its CPU is measured apart from the servers'), as the
// ministries' mail servers are. Messages are built before 'go' (untimed) from the letters it is given; on 'go' it
// sends them all at once through one nodemailer transporter, pooled over a few connections, to whichever server the
// bench names, and answers with the time from 'go' until the server answered the last one.
// Usage (forked by bench/inbound.mjs): node bench/lib/inbound-sender.mjs
import { Readable } from 'node:stream';
import nodemailer from 'nodemailer';
import { inboundMessage } from './inbound-messages.mjs';

let messages = [];
process.on('message', (m) => {
  if (m.kind === 'build') {
    // letters[i] receives message i: a reply or a report about it.
    messages = m.letters.map((letter, i) => inboundMessage(i, m.round, letter));
    const bytes = messages.reduce((n, x) => n + x.raw.length, 0);
    process.send({ kind: 'built', count: messages.length, bytes });
  } else if (m.kind === 'go') void sendAll(m).catch((error) => process.send({ kind: 'error', error: String(error) }));
  else if (m.kind === 'stream')
    void streamLarge(m).catch((error) => process.send({ kind: 'error', error: String(error) }));
});

async function sendAll({ port, connections }) {
  const transporter = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: connections,
    maxMessages: Infinity,
  });
  const started = process.hrtime.bigint();
  const results = await Promise.allSettled(
    messages.map(({ envelope, raw }) => transporter.sendMail({ envelope, raw })),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  transporter.close();
  const refused = results.filter((r) => r.status === 'rejected');
  process.send({
    kind: 'sent',
    seconds,
    accepted: results.length - refused.length,
    refused: refused.length,
    firstRefusal: refused[0] ? String(refused[0].reason?.response ?? refused[0].reason) : undefined,
  });
}

/**
 * `concurrent` messages of about `bytes` each, all at once, each on its own connection, each made as the socket takes
 * it (this process never holds one whole): what the receiving side holds is its own doing.
 */
async function streamLarge({ port, concurrent, bytes, to }) {
  const started = process.hrtime.bigint();
  const results = await Promise.allSettled(
    Array.from({ length: concurrent }, async (_, i) => {
      const transporter = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
      try {
        return await transporter.sendMail({
          envelope: { from: 'cabinet@justice.gouv.example.fr', to: [to[i % to.length]] },
          raw: generated(to[i % to.length], bytes, i),
        });
      } finally {
        transporter.close();
      }
    }),
  );
  const refused = results.filter((r) => r.status === 'rejected');
  process.send({
    kind: 'streamed',
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    accepted: results.length - refused.length,
    refused: refused.length,
    firstRefusal: refused[0] ? String(refused[0].reason?.response ?? refused[0].reason) : undefined,
  });
}

/** A reply of about `bytes`: headers, then 76-character lines made as they are read, 64 KB a read. */
function generated(to, bytes, i) {
  const line = `${'The ministry has considered your letter carefully and will answer in due course'.slice(0, 76)}\r\n`;
  const block = line.repeat(Math.floor(65_536 / line.length));
  let sent = 0;
  let started = false;
  return new Readable({
    read() {
      if (!started) {
        started = true;
        this.push(
          [
            'From: Cabinet du ministre <cabinet@justice.gouv.example.fr>',
            `To: ${to}`,
            'Subject: Re: Children do not belong in detention (annexes)',
            `Message-ID: <large.${process.pid}.${Date.now()}.${i}@justice.gouv.example.fr>`,
            'Date: Mon, 01 Mar 2027 10:00:00 +0100',
            'MIME-Version: 1.0',
            'Content-Type: text/plain; charset=us-ascii',
            '',
            '',
          ].join('\r\n'),
        );
        return;
      }
      if (sent >= bytes) return void this.push(null);
      sent += block.length;
      this.push(block);
    },
  });
}

process.send({ kind: 'ready' });
