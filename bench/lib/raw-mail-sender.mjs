// The delivery baseline: raw nodemailer pooled sending, in its own process as Rally's worker is. It receives the
// messages first (untimed), answers 'ready', then on 'go' sends them all at once through one pooled transporter and
// answers with the time from 'go' until the relay accepted the last one.
import nodemailer from 'nodemailer';

const [url, maxConnections] = process.argv.slice(2);
let messages = [];
process.on('message', async (m) => {
  if (m.kind === 'messages') {
    messages = messages.concat(m.messages);
    process.send({ kind: 'received', count: messages.length });
  } else if (m.kind === 'go') {
    // The same options as Rally's SmtpMailTransport: pooled, SMTP_POOL_SIZE connections, 1,000 messages each.
    const transporter = nodemailer.createTransport({
      url,
      pool: true,
      maxConnections: Number(maxConnections),
      maxMessages: 1000,
    });
    const started = process.hrtime.bigint();
    const results = await Promise.allSettled(messages.map((message) => transporter.sendMail(message)));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    transporter.close();
    messages = [];
    process.send({ kind: 'done', seconds, failed: results.filter((r) => r.status === 'rejected').length });
  }
});
process.send({ kind: 'ready' });
// Exit (rather than die) when the bench stops it, so a --cpu-prof profile is written.
process.on('SIGTERM', () => process.exit(0));
process.on('disconnect', () => process.exit(0));
