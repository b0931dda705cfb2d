import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { simpleParser } from 'mailparser';
import {
  cpuSeconds,
  exited,
  machineBusySeconds,
  postgresCpuSeconds,
  redisCpuSeconds,
  startRallyProcess,
  waitUntilQuiet,
  workerNodeArgs,
} from './processes.mjs';
import { startSmtpSink } from './smtp-sink.mjs';

const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
/** Letters per measured round (half to each ministry): at Rally's pace about 5-10 s of sending on two cores. */
const LETTERS = Number(arg('--letters')) || 6_000;
const ROUNDS = Number(arg('--rounds')) || 3;
const WARM_UP_LETTERS = 1_000;
const WORKER_NODE_ARGS = workerNodeArgs();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round3 = (x) => Number(x.toFixed(3));
const ownCpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/**
 * Letter delivery with throttling off (no sending window, no caps) against raw nodemailer pooled sending of the same
 * messages to the same sink, round after round in the same run. Rally's round starts when N confirmed letters
 * (status queued, due now) are committed and ends when the sink has accepted the last of them: the dispatcher's
 * tick (LETTER_DISPATCH_MS), its passes, the mail queue, the outbox claims and marks and the rendering are all inside.
 * The baseline then sends the messages the sink received (parsed back into from, to, reply-to, subject, text, HTML
 * and Message-ID, untimed) through one nodemailer transporter with `pool: true` and the worker's maxConnections, in
 * its own process as the worker is, all at once; it ends when the sink has accepted the last.
 *
 * The stack's worker is stopped first; this scenario runs its own, with the default concurrency and SMTP pool and
 * SMTP_URL pointing at startSmtpSink (libs/core/src/testing/smtp-sink.ts, parse: false) in the bench process.
 */
export const letterDeliveryScenario = {
  name: 'letter-delivery',
  stopsWorker: true,
  notHttp: true,
  async run({ stack, profileDir, letterSetup }) {
    const letter = await letterSetup(stack);
    const sink = await startSmtpSink({ parse: false });
    const poolSize = stack.env.SMTP_POOL_SIZE ?? '5';
    const worker = startRallyProcess('worker', { ...stack.env, SMTP_URL: sink.url }, [
      ...WORKER_NODE_ARGS,
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    ]);
    const raw = fork(fileURLToPath(new URL('./raw-mail-sender.mjs', import.meta.url)), [sink.url, poolSize], {
      stdio: 'ignore',
      serialization: 'advanced',
      // --profile profiles the baseline too (raw.cpuprofile), so the two senders' profiles can be compared.
      execArgv: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-name=raw.cpuprofile'] : [],
    });
    const replies = [];
    let wake;
    raw.on('message', (m) => (replies.push(m), wake?.()));
    const rawReply = async (kind) => {
      for (;;) {
        const i = replies.findIndex((m) => m.kind === kind);
        if (i >= 0) return replies.splice(i, 1)[0];
        if (exited(raw)) throw new Error('the raw nodemailer sender exited');
        await new Promise((r) => (wake = r));
      }
    };
    try {
      await rawReply('ready');
      await waitUntilQuiet(worker.child.pid);
      // Whatever earlier scenarios left owed (confirmation mails) goes first, so the rounds measure letters alone.
      await drained(stack);
      const template = await aRealSubmission(stack, letter, sink);
      const toTarget = (m) => letter.addresses.includes(m.to);

      // What confirming does after its commit: ask for a dispatch pass now (requestDispatch in the letters library).
      const letters = new Queue('letters', {
        prefix: stack.env.QUEUE_PREFIX,
        connection: { url: stack.env.REDIS_URL, maxRetriesPerRequest: null },
      });
      const deliver = async (count, batch) => {
        sink.messages.length = 0;
        await insertQueuedLetters(stack, template, count, batch);
        const t0 = performance.now();
        await letters.add('letters.dispatch', {}, { jobId: `dispatch-bench-${batch}`, attempts: 1 });
        const startedAt = Date.now();
        const before = snapshot(worker.child.pid);
        const first = sink.waitFor(1, toTarget, 120_000).then(() => performance.now());
        await sink.waitFor(count, toTarget, 300_000);
        const seconds = (performance.now() - t0) / 1000;
        const cpu = shares(before, snapshot(worker.child.pid), seconds);
        const messages = sink.messages.filter(toTarget);
        const phases = await deliveryPhases(stack, batch, startedAt, count);
        return { seconds, firstSeconds: ((await first) - t0) / 1000, cpu, messages, phases };
      };
      const sendRaw = async (messages) => {
        const parsed = await Promise.all(messages.map((m) => simpleParser(m.raw)));
        const outgoing = parsed.map((p) => ({
          from: p.from.text,
          to: p.to.text,
          replyTo: p.replyTo?.text,
          subject: p.subject,
          text: p.text,
          html: p.html,
          headers: { 'Message-ID': p.messageId },
        }));
        for (let i = 0; i < outgoing.length; i += 1000) {
          raw.send({ kind: 'messages', messages: outgoing.slice(i, i + 1000) });
          await rawReply('received');
        }
        sink.messages.length = 0;
        const before = snapshot(raw.pid);
        const t0 = performance.now();
        raw.send({ kind: 'go' });
        const done = await rawReply('done');
        await sink.waitFor(outgoing.length, toTarget, 300_000);
        const seconds = (performance.now() - t0) / 1000;
        if (done.failed) throw new Error(`raw nodemailer: ${done.failed} messages refused`);
        return { seconds, cpu: shares(before, snapshot(raw.pid), seconds) };
      };

      // Warm-up (JIT, pooled connections, the queue's scripts), not reported.
      const warm = await deliver(WARM_UP_LETTERS, 'warm');
      await sendRaw(warm.messages);

      const rounds = [];
      for (let r = 1; r <= ROUNDS; r++) {
        const rally = await deliver(LETTERS, `round${r}`);
        const baseline = await sendRaw(rally.messages);
        const rallyPerSecond = Math.round(LETTERS / rally.seconds);
        const rawPerSecond = Math.round(LETTERS / baseline.seconds);
        rounds.push({
          letters: LETTERS,
          rally: {
            seconds: round3(rally.seconds),
            perSecond: rallyPerSecond,
            firstDeliveredAfterSeconds: round3(rally.firstSeconds),
            ...rally.phases,
            cpu: rally.cpu,
            cpuMicrosPerMessage: perMessage(rally.cpu, rallyPerSecond),
          },
          raw: {
            seconds: round3(baseline.seconds),
            perSecond: rawPerSecond,
            cpu: baseline.cpu,
            cpuMicrosPerMessage: perMessage(baseline.cpu, rawPerSecond),
          },
          ratio: round3(rallyPerSecond / rawPerSecond),
        });
        console.log('letter-delivery round', r, JSON.stringify(rounds.at(-1)));
      }
      const ratios = rounds.map((r) => r.ratio);
      const mid = rounds.find((r) => r.ratio === median(ratios));
      await letters.close();
      return {
        // The median round's figures stand for the run; every round is kept.
        rps: mid.rally.perSecond,
        rawPerSecond: mid.raw.perSecond,
        ratioToRaw: median(ratios),
        ratioSpread: [Math.min(...ratios), Math.max(...ratios)],
        cpu: mid.rally.cpu,
        smtpPoolSize: Number(poolSize),
        workerConcurrency: Number(stack.env.WORKER_CONCURRENCY ?? 20),
        dispatchMs: Number(stack.env.LETTER_DISPATCH_MS ?? 2000),
        workerNodeArgs: WORKER_NODE_ARGS,
        rounds,
      };
    } finally {
      await worker.stop();
      if (!exited(raw)) raw.kill('SIGTERM');
      await sink.close();
    }
  },
};

/** Waits until the outbox owes nothing for two checks in a row (at most two minutes). */
async function drained(stack) {
  const deadline = Date.now() + 120_000;
  let quiet = 0;
  while (Date.now() < deadline && quiet < 2) {
    const [{ owed }] = await stack.query(
      `SELECT count(*)::int AS owed FROM mail_outbox WHERE status IN ('pending', 'sending')`,
    );
    quiet = owed === 0 ? quiet + 1 : 0;
    await new Promise((r) => setTimeout(r, 1000));
  }
  if (quiet < 2) throw new Error('the outbox did not drain before the delivery rounds');
}

/**
 * One send through the public route, as a supporter makes it: its submission and two rendered letters are the
 * pattern the rounds copy (each copy its own supporter, ids, Message-ID and reply address). Its confirmation mail is
 * waited for so it does not land in a round.
 */
async function aRealSubmission(stack, letter, sink) {
  const { FormStamp } = await import('../../dist/libs/core/src/security/form-stamp.js');
  const email = `template-writer@example.org`;
  const res = await fetch(`${stack.base}/l/${letter.slug}/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      firstName: 'Amina',
      lastName: 'Diallo',
      email,
      country: 'FR',
      postcode: '75011',
      consent: true,
      paragraph: 'My nephew was held for three weeks when he was twelve. No child should live through that.',
      startedAt: new FormStamp(stack.env.SECRET_KEY, 'letter-form').issue(Date.now() - 10_000),
    }),
  });
  if (res.status !== 202) throw new Error(`letter send: ${res.status} ${await res.text()}`);
  await sink.waitFor(1, (m) => m.to === email, 30_000);
  const [submission] = await stack.query(`SELECT id FROM letter_submissions WHERE email_normalized = $1`, [email]);
  const letters = await stack.query(`SELECT count(*)::int AS n FROM letters WHERE submission_id = $1`, [submission.id]);
  if (letters[0].n !== 2) throw new Error(`expected 2 letters for the template submission, got ${letters[0].n}`);
  return submission.id;
}

/**
 * `count` confirmed letters, due now, copied from the template submission in one statement: what confirming
 * count / 2 sends leaves behind (the submissions confirmed, their letters queued). Committed before it returns.
 */
async function insertQueuedLetters(stack, templateId, count, batch) {
  await stack.query(
    `WITH subs AS (
       INSERT INTO letter_submissions (id, organization_id, action_id, email, email_normalized, first_name, last_name,
           postcode, region, country, paragraph, consent_given, consent_wording, language, source, status,
           confirmed_at, mails_sent, flagged, created_at)
       SELECT gen_random_uuid(), t.organization_id, t.action_id, $2 || '-' || g || '@example.org',
              $2 || '-' || g || '@example.org', t.first_name, 'Diallo-' || g, t.postcode, t.region, t.country,
              t.paragraph, t.consent_given, t.consent_wording, t.language, t.source, 'confirmed', now(), 1, false, now()
         FROM letter_submissions t, generate_series(1, $3::int / 2) g
        WHERE t.id = $1
       RETURNING id, email_normalized, first_name, last_name),
     ids AS (
       SELECT gen_random_uuid() AS letter_id, s.id AS submission_id, s.email_normalized, s.first_name, s.last_name,
              l.organization_id, l.action_id, l.target_id, l.target_email_id, l.recipient, l.address_normalized,
              l.sender, l.reply_to, l.language, l.subject, l.body
         FROM subs s CROSS JOIN letters l WHERE l.submission_id = $1)
     INSERT INTO letters (id, organization_id, action_id, submission_id, target_id, target_email_id, recipient,
         address_normalized, supporter_email_normalized, sender, reply_to, message_id, language, subject, body, status,
         test_mode, not_before, created_at, updated_at)
     SELECT i.letter_id, i.organization_id, i.action_id, i.submission_id, i.target_id, i.target_email_id, i.recipient,
            i.address_normalized, i.email_normalized, i.sender,
            -- the same shape as LetterAddresses: version, the letter id in hex, a 16-hex MAC
            'reply+1' || replace(i.letter_id::text, '-', '') || left(md5(i.letter_id::text), 16) || '@' || split_part(i.reply_to, '@', 2),
            '<letter.1' || replace(i.letter_id::text, '-', '') || left(md5('m' || i.letter_id::text), 16) || '@' || split_part(i.reply_to, '@', 2) || '>',
            i.language, i.subject, replace(i.body, 'Amina Diallo', i.first_name || ' ' || i.last_name), 'queued', false,
            now(), now(), now()
       FROM ids i`,
    [templateId, `bench-${batch}`, count],
  );
}

/** When the dispatcher handed the round's letters and the mail queue sent them, in seconds after the round began. */
async function deliveryPhases(stack, batch, startedAtMs, count) {
  // markSent follows the relay's acceptance by one UPDATE: wait for the last few.
  for (let i = 0; i < 50; i++) {
    const [{ sent }] = await stack.query(
      `SELECT count(*)::int AS sent FROM letters l JOIN mail_outbox o ON o.id = l.outbox_id
        WHERE l.supporter_email_normalized LIKE $1 AND o.status = 'sent'`,
      [`bench-${batch}-%`],
    );
    if (sent === count) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const [p] = await stack.query(
    `SELECT extract(epoch FROM min(l.handed_at)) * 1000 AS first_handed, extract(epoch FROM max(l.handed_at)) * 1000 AS last_handed,
            count(DISTINCT l.handed_at)::int AS passes,
            extract(epoch FROM min(o.sent_at)) * 1000 AS first_sent, extract(epoch FROM max(o.sent_at)) * 1000 AS last_sent,
            count(*) FILTER (WHERE o.status = 'sent')::int AS sent
       FROM letters l LEFT JOIN mail_outbox o ON o.id = l.outbox_id
      WHERE l.supporter_email_normalized LIKE $1`,
    [`bench-${batch}-%`],
  );
  const at = (ms) => round3((Number(ms) - startedAtMs) / 1000);
  return {
    dispatcherPasses: p.passes,
    firstHandedAt: at(p.first_handed),
    lastHandedAt: at(p.last_handed),
    firstSentAt: at(p.first_sent),
    lastSentAt: at(p.last_sent),
    outboxSent: p.sent,
  };
}

function snapshot(senderPid) {
  return {
    sender: cpuSeconds(senderPid),
    postgres: postgresCpuSeconds(),
    redis: redisCpuSeconds(),
    load: ownCpuSeconds(),
    machine: machineBusySeconds(),
  };
}

/** Cores used on average by each while the round ran. `sender` is Rally's worker or the raw nodemailer process. */
function shares(before, after, seconds) {
  return Object.fromEntries(Object.keys(before).map((k) => [k, Number(((after[k] - before[k]) / seconds).toFixed(2))]));
}

function perMessage(cores, perSecond) {
  return Object.fromEntries(Object.entries(cores).map(([k, c]) => [k, Math.round((c * 1e6) / Math.max(perSecond, 1))]));
}
