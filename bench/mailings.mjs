// A mailing to 100,000 supporters (and to 10,000, for memory): staging against a bare INSERT ... SELECT of the same
// rows into a similar table, delivery to the SMTP sink against raw nodemailer pooled sending of the same messages,
// and the worker's and api's peak memory, all in the same run.
// Usage: node bench/mailings.mjs [--recipients 100000] [--small 10000]   (after npm run build:server; writes
// bench/results/mailings.json)
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  cpuSeconds,
  peakRssMiB,
  postgresCpuSeconds,
  startRallyProcess,
  waitUntilQuiet,
  workerNodeArgs,
} from './lib/processes.mjs';
import { openPetition } from './lib/petition-setup.mjs';
import { startRallyStack } from './lib/rally-stack.mjs';

const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const LARGE = Number(arg('--recipients')) || 100_000;
const SMALL = Number(arg('--small')) || 10_000;
const POOL = 5;
const WORKER_NODE_ARGS = workerNodeArgs();
const BODY =
  'Dear {{supporter.firstName}},\n\n{{petition.count}} people have signed {{petition.title}}. The debate is on ' +
  'Thursday: one more push now and the minister will have to answer.\n\nWrite to your representative today, it takes ' +
  'two minutes. Every letter is read, and every one is counted.\n\nThank you,\n{{organisation.name}}\n';

const round = (n) => Number(n.toFixed(3));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The relay's rate is set far above what one worker sends, so delivery is measured, not the throttle.
const env = {
  RATE_LIMIT_MULTIPLIER: '100000',
  MAILING_SEND_RATE: '100000',
  MAILING_DISPATCH_MS: '200',
  MAILING_SCHEDULE_MS: '60000',
  SMTP_POOL_SIZE: String(POOL),
};
const stack = await startRallyStack(env);
const results = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30) },
  recipients: LARGE,
  small: SMALL,
};
let worker = stack.worker;
try {
  const { staff } = await openPetition(stack);
  const [{ id: org }] = await stack.query(`SELECT id FROM organization WHERE slug = 'bench'`);
  const small = await signers(staff, org, SMALL, 'small');
  const large = await signers(staff, org, LARGE, 'large');
  // Signers written in SQL are confirmed but not yet counted: let petitions fold them into their counts first, as
  // they would have been when each confirmed, so that folding does not run beside the measurement.
  for (;;) {
    const [{ owed }] = await stack.query(
      `SELECT count(*)::int AS owed FROM signatures WHERE status = 'confirmed' AND NOT counted`,
    );
    if (owed === 0) break;
    await sleep(500);
  }
  // The tables as autovacuum keeps them while 110,000 signers accumulate (it vacuums and analyzes a table after each
  // fifth of new rows): written in SQL in one go seconds ago, they would be planned from their empty estimates (nested
  // loops where PostgreSQL hash-joins 100,000 rows), their pages not yet all-visible (no index-only scans), and the
  // fold's 110,000 updated signatures still dead in the heap, which the baseline and the audience both read.
  await stack.query('VACUUM ANALYZE');

  results.bareInsertSelect = await bareInsertSelect(org, large.petitionId);
  console.log('bare INSERT ... SELECT', results.bareInsertSelect);

  // A fresh worker for each size, so each peak is that size's own.
  await worker.stop();
  worker = startRallyProcess('worker', stack.env, WORKER_NODE_ARGS);
  await waitUntilQuiet(worker.child.pid);
  results.workerNodeArgs = WORKER_NODE_ARGS;
  results.smallRun = await mailing(staff, small, SMALL);
  results.peakRssMiB = { small: { api: peakRssMiB(stack.api.child.pid), worker: peakRssMiB(worker.child.pid) } };
  await worker.stop();
  worker = startRallyProcess('worker', stack.env, WORKER_NODE_ARGS);
  await waitUntilQuiet(worker.child.pid);
  results.largeRun = await mailing(staff, large, LARGE);
  results.peakRssMiB.large = { api: peakRssMiB(stack.api.child.pid), worker: peakRssMiB(worker.child.pid) };
  results.raw = await rawNodemailer(LARGE);

  results.stagingVsBareInsert = round(results.largeRun.staging.rowsPerSecond / results.bareInsertSelect.rowsPerSecond);
  results.deliveryVsRaw = round(results.largeRun.delivery.perSecond / results.raw.perSecond);
  results.workerPeakLargeVsSmall = round(results.peakRssMiB.large.worker / results.peakRssMiB.small.worker);
  results.apiPeakLargeVsSmall = round(results.peakRssMiB.large.api / results.peakRssMiB.small.api);
} finally {
  await worker.stop();
  await stack.stop();
}
console.log(JSON.stringify(results, null, 2));
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/mailings.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');

/** A petition with `n` confirmed, consenting signers, each their own supporter, written in SQL (untimed). */
async function signers(staff, org, n, tag) {
  const campaign = await staff('POST', '/campaigns', { name: `Mailing bench ${tag}` });
  const petition = await staff('POST', '/petitions', {
    campaignId: campaign.id,
    slug: `mailing-bench-${tag}`,
    title: 'End the detention of children',
    ask: 'We ask the Ministry of Justice to end the detention of children.',
    goal: 1_000_000,
    language: 'en',
  });
  await staff('POST', `/petitions/${petition.id}/open`);
  await stack.query(
    `WITH s AS (
       INSERT INTO supporters (organization_id, email, email_normalized, first_name, last_name, country, language, last_action_at)
       SELECT $1, 'p' || i || '.${tag}@bench.example.org', 'p' || i || '.${tag}@bench.example.org', 'Person' || i, 'Bench',
              'FR', (ARRAY['en', 'fr', 'es'])[1 + i % 3], now()
         FROM generate_series(1, $2) AS i
       RETURNING id, email, first_name, language),
     c AS (
       INSERT INTO supporter_consents (organization_id, supporter_id, purpose, granted, wording, source, given_at)
       SELECT $1, id, 'organisation-email', true, 'Keep me informed', 'bench', now() FROM s)
     INSERT INTO signatures (id, organization_id, petition_id, email, email_normalized, first_name, country, consent_given,
                             consent_wording, language, status, confirmed_at, supporter_id)
     SELECT gen_random_uuid(), $1, $3, email, email, first_name, 'FR', true, 'Keep me informed', language, 'confirmed', now(), id
       FROM s`,
    [org, n, petition.id],
  );
  return { petitionId: petition.id, tag };
}

/**
 * The floor of staging: the same rows (supporter, address, its hash, language) into a table like mailing_recipients
 * (same columns and indexes), one INSERT ... SELECT joined to the petition's signatures, with no consent,
 * preference or suppression check. Dropped afterwards.
 */
async function bareInsertSelect(org, petitionId) {
  // Every index mailing_recipients has (primary key, the unique (run, address), the staged one): a similar table.
  await stack.query(`CREATE TABLE bench_recipients (LIKE mailing_recipients INCLUDING ALL)`);
  try {
    const t = performance.now();
    const [{ n }] = await stack.query(
      `WITH i AS (
         INSERT INTO bench_recipients (run_id, organization_id, supporter_id, email, address_hash, language)
         SELECT gen_random_uuid(), $1, sp.id, sp.email, encode(sha256(convert_to(sp.email_normalized, 'UTF8')), 'hex'), sp.language
           FROM signatures g JOIN supporters sp ON sp.id = g.supporter_id
          WHERE g.petition_id = $2 AND g.status = 'confirmed'
         RETURNING 1)
       SELECT count(*)::int AS n FROM i`,
      [org, petitionId],
    );
    const seconds = (performance.now() - t) / 1000;
    return { rows: n, seconds: round(seconds), rowsPerSecond: Math.round(n / seconds) };
  } finally {
    await stack.query(`DROP TABLE bench_recipients`);
  }
}

/** One mailing to the petition's signers, sent now: staging is the request; delivery ends at the sink's last. */
async function mailing(staff, audience, n) {
  const created = await staff('POST', '/mailings', {
    name: `Bench ${audience.tag}`,
    audience: { kind: 'petition-signers', petitionId: audience.petitionId },
    variants: ['en', 'fr', 'es'].map((language) => ({
      language,
      subject: `{{petition.title}}: {{petition.count}} signed (${language})`,
      body: BODY,
    })),
    fallbackLanguage: 'en',
  });
  const before = stack.mailCount();
  const cpu0 = {
    worker: cpuSeconds(worker.child.pid),
    api: cpuSeconds(stack.api.child.pid),
    postgres: postgresCpuSeconds(),
  };
  const t0 = performance.now();
  await staff('POST', `/mailings/${created.id}/schedule`, { kind: 'once', at: new Date().toISOString() });
  const stagedAt = performance.now();
  const [{ staged }] = await stack.query(`SELECT staged FROM mailing_runs WHERE mailing_id = $1`, [created.id]);
  if (staged !== n) throw new Error(`staged ${staged} of ${n}`);
  let first = null;
  while (stack.mailCount() - before < n) {
    if (first === null && stack.mailCount() > before) first = performance.now();
    await sleep(20);
  }
  const done = performance.now();
  const cpu = {
    worker: cpuSeconds(worker.child.pid) - cpu0.worker,
    api: cpuSeconds(stack.api.child.pid) - cpu0.api,
    postgres: postgresCpuSeconds() - cpu0.postgres,
  };
  const stagingSeconds = (stagedAt - t0) / 1000;
  const deliverySeconds = (done - stagedAt) / 1000;
  // Every recipient handed and sent once: the outbox holds one row per recipient, all sent.
  const [{ sent, rows }] = await stack.query(
    `SELECT count(*) FILTER (WHERE o.status = 'sent')::int AS sent, count(*)::int AS rows
       FROM mailing_recipients r JOIN mailing_runs u ON u.id = r.run_id JOIN mail_outbox o ON o.id = r.outbox_id
      WHERE u.mailing_id = $1`,
    [created.id],
  );
  const result = {
    staging: { seconds: round(stagingSeconds), rowsPerSecond: Math.round(n / stagingSeconds) },
    delivery: {
      seconds: round(deliverySeconds),
      perSecond: Math.round(n / deliverySeconds),
      firstAtSinkSeconds: first ? round((first - stagedAt) / 1000) : null,
    },
    sinkMessages: stack.mailCount() - before,
    outboxSent: sent,
    outboxRows: rows,
    cpuMicrosPerMessage: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, Math.round((v * 1e6) / n)])),
  };
  console.log(`mailing to ${n}`, result);
  return result;
}

/** The same number of messages, of the same size and headers, from raw nodemailer in its own process. */
async function rawNodemailer(n) {
  const raw = fork(fileURLToPath(new URL('./lib/raw-mail-sender.mjs', import.meta.url)), [stack.env.SMTP_URL, POOL], {
    stdio: 'ignore',
  });
  const replies = [];
  let wake;
  raw.on('message', (m) => (replies.push(m), wake?.()));
  const next = async (kind) => {
    for (;;) {
      const i = replies.findIndex((m) => m.kind === kind);
      if (i >= 0) return replies.splice(i, 1)[0];
      await new Promise((r) => (wake = r));
    }
  };
  await next('ready');
  const text = BODY.replace('{{supporter.firstName}}', 'Person').replace('{{petition.count}}', '100,000');
  for (let i = 0; i < n; i += 1000) {
    const chunk = [];
    for (let j = i; j < Math.min(i + 1000, n); j++)
      chunk.push({
        from: 'Rally <no-reply@rally.localhost>',
        to: `p${j}.raw@bench.example.org`,
        subject: 'End the detention of children: 100,000 signed (en)',
        text: `${text}\n--\nYou receive this because you asked Bench Org to keep you informed.\n`,
        html: `<p>${text.replace(/\n\n/g, '</p><p>')}</p>`,
        headers: {
          'List-Unsubscribe': `<http://127.0.0.1/u/${j}-aaaaaaaaaaaaaaaaaaaaaa>, <mailto:unsubscribe@rally.localhost?subject=unsubscribe>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
      });
    raw.send({ kind: 'messages', messages: chunk });
    await next('received');
  }
  const before = stack.mailCount();
  const cpu0 = cpuSeconds(raw.pid);
  raw.send({ kind: 'go' });
  const done = await next('done');
  const cpu = cpuSeconds(raw.pid) - cpu0;
  raw.kill('SIGTERM');
  if (done.failed) throw new Error(`raw nodemailer: ${done.failed} refused`);
  const result = {
    seconds: round(done.seconds),
    perSecond: Math.round(n / done.seconds),
    sinkMessages: stack.mailCount() - before,
    senderCpuMicrosPerMessage: Math.round((cpu * 1e6) / n),
  };
  console.log('raw nodemailer', result);
  return result;
}
