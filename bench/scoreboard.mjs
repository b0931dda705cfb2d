// Reads of the response-time scoreboard and of the implementation status board at 10,000 and then 1,000,000
// generated letters, over HTTP, with p99, requests per second and the api's CPU per request at each size. The
// scoreboard reads its wave rollup, never the letters, so its p99 must stay within 1.5x between the two sizes.
// Usage: npm run build:server && node bench/scoreboard.mjs [--rounds 5] [--seconds 4] [--connections 4]
//        (writes bench/results/scoreboard.json)
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { load } from './lib/load.mjs';
import { signInBenchAdmin } from './lib/petition-setup.mjs';
import { cpuSeconds, postgresCpuSeconds } from './lib/processes.mjs';
import { startRallyStack } from './lib/rally-stack.mjs';

const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const SECONDS = Number(arg('--seconds')) || 4;
const ROUNDS = Number(arg('--rounds')) || 5;
const CONNECTIONS = Number(arg('--connections')) || 4;
const SIZES = [10_000, 1_000_000];
const ACTIONS = 20;
const TARGETS = 50; // 10 ministries of 5 targets, half in a Friday/Saturday-weekend country: 1,000 waves
const round = (n, digits = 2) => Number(n.toFixed(digits));

const stack = await startRallyStack({ RATE_LIMIT_MULTIPLIER: '100000' });
const results = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30) },
  rounds: ROUNDS,
  seconds: SECONDS,
  connections: CONNECTIONS,
  waves: ACTIONS * TARGETS,
  sizes: {},
};
const db = new pg.Client({ connectionString: stack.databaseUrl });
try {
  const { cookie, csrfToken } = await signInBenchAdmin(stack);
  const staff = async (method, path, body) => {
    const res = await fetch(`${stack.base}/api/orgs/bench${path}`, {
      method,
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const { id: campaignId } = await staff('POST', '/campaigns', { name: 'Bench campaign' });
  for (let t = 0; t < TARGETS; t += 1)
    await staff('POST', '/targets', {
      kind: 'minister',
      name: `Minister ${t}`,
      body: `Ministry ${t % 10}`,
      country: t % 2 ? 'SA' : 'FR',
      language: 'en',
      emails: [`minister-${t}@gouv.example.org`],
    });
  for (let a = 0; a < ACTIONS; a += 1)
    await staff('POST', '/letter-actions', {
      campaignId,
      slug: `bench-wave-${a}`,
      title: `Wave ${a}`,
      language: 'en',
      routing: { mode: 'country' },
      sendingWindow: null,
      hourlyCap: null,
      dailyCap: null,
      template: { subjects: ['Children do not belong in detention'], body: 'Dear {{target.salutation}}, act now.' },
    });
  // Only the api answers reads; the worker's periodic jobs (dispatcher, "did they reply?") would read letters and
  // muddy both the CPU figures and the proof that reads never touch them.
  await stack.worker.stop();
  await db.connect();
  const [{ id: org }] = (await db.query(`SELECT id FROM organization WHERE slug = 'bench'`)).rows;
  await db.query(
    `INSERT INTO letter_submissions (id, organization_id, action_id, email, email_normalized, first_name, country,
       consent_wording, language, status, flagged, confirmed_at)
     SELECT gen_random_uuid(), $1, id, 'bench@example.org', 'bench@example.org', 'Bench', 'FR', 'consent', 'en', 'confirmed', false, now()
       FROM letter_actions WHERE organization_id = $1`,
    [org],
  );
  const paths = {
    scoreboard: '/api/orgs/bench/scoreboard',
    statusBoard: '/api/orgs/bench/implementation/statuses?country=FR',
  };

  let have = 0;
  for (const size of SIZES) {
    const t0 = performance.now();
    await generateLetters(db, org, have, size);
    have = size;
    const generateSeconds = round((performance.now() - t0) / 1000);
    // The generated rows' autovacuum and checkpoint would otherwise run during the reads of the larger size.
    await db.query('VACUUM (ANALYZE)');
    await db.query('CHECKPOINT');
    const sizeResults = { generateSeconds };
    for (const path of Object.values(paths))
      await load({ url: `${stack.base}${path}`, connections: CONNECTIONS, durationSeconds: 2, headers: { cookie } });
    // Rounds alternate the two boards so both meet the same machine; the median round's p99 is reported (the
    // machine is shared, a single run's p99 is mostly someone else's load).
    const rounds = Object.fromEntries(Object.keys(paths).map((name) => [name, []]));
    for (let i = 0; i < ROUNDS; i += 1)
      for (const [name, path] of Object.entries(paths)) {
        const scans0 = await letterScans(db);
        const api0 = cpuSeconds(stack.api.child.pid);
        const pg0 = postgresCpuSeconds();
        const run = await load({
          url: `${stack.base}${path}`,
          connections: CONNECTIONS,
          durationSeconds: SECONDS,
          headers: { cookie },
        });
        const apiCpu = cpuSeconds(stack.api.child.pid) - api0;
        const pgCpu = postgresCpuSeconds() - pg0;
        // Backends publish their table statistics at most once a second, when idle.
        await new Promise((r) => setTimeout(r, 1_200));
        if (run.non2xx || run.errors) throw new Error(`${name}: ${run.non2xx} non-2xx, ${run.errors} errors`);
        rounds[name].push({ ...run, apiCpu, pgCpu, letterScans: (await letterScans(db)) - scans0 });
      }
    for (const [name, runs] of Object.entries(rounds)) {
      const total = runs.reduce((n, r) => n + r.total, 0);
      const median = (f) => runs.map(f).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
      sizeResults[name] = {
        rounds: runs.length,
        requests: total,
        rps: median((r) => r.rps),
        p50: median((r) => r.p50),
        p99: median((r) => r.p99),
        p99PerRound: runs.map((r) => r.p99),
        apiCpuMsPerRequest: round((runs.reduce((n, r) => n + r.apiCpu, 0) * 1000) / total, 3),
        postgresCpuMsPerRequest: round((runs.reduce((n, r) => n + r.pgCpu, 0) * 1000) / total, 3),
        letterScansDuringReads: runs.reduce((n, r) => n + r.letterScans, 0),
      };
      console.log(size, name, sizeResults[name]);
    }
    results.sizes[size] = sizeResults;
  }
  const [small, large] = SIZES.map((s) => results.sizes[s]);
  results.p99Ratio = Object.fromEntries(
    Object.keys(paths).map((name) => [name, round(large[name].p99 / Math.max(small[name].p99, 1))]),
  );
  results.apiCpuRatio = Object.fromEntries(
    Object.keys(paths).map((name) => [name, round(large[name].apiCpuMsPerRequest / small[name].apiCpuMsPerRequest)]),
  );
  results.withinBound = Object.values(results.p99Ratio).every((r) => r <= 1.5);
} finally {
  await db.end().catch(() => undefined);
  await stack.stop();
}
console.log(JSON.stringify(results, null, 2));
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/scoreboard.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');

/**
 * Letters `from` to `to` (exclusive) with generate_series, spread over the actions and targets and sent over the
 * last 10 days (so no "did they reply?" question is due), then the wave rollup rebuilt from them: the rows the
 * letter-sent and response hooks keep as letters arrive, written at once here (hooks run per mark group, which
 * would take the delivery benchmark's hours for a million letters). A third of the waves have an acknowledgement,
 * a fifth a substantive response, so the medians have data.
 */
async function generateLetters(client, org, from, to) {
  await client.query(
    `INSERT INTO letters (id, organization_id, action_id, submission_id, target_id, recipient, address_normalized,
       supporter_email_normalized, sender, reply_to, message_id, language, subject, body, status, handed_at, sent_at)
     SELECT gen_random_uuid(), $1, s.action_ids[1 + i % ${ACTIONS}], s.submission_ids[1 + i % ${ACTIONS}],
            s.target_ids[1 + (i / ${ACTIONS}) % ${TARGETS}], 'minister@gouv.example.org', 'minister@gouv.example.org',
            'writer' || i || '@bench.example.org', 'Writer via Bench <letters@bench.example.org>',
            'reply+' || i || '@reply.bench.example.org', '<letter.' || i || '@bench.example.org>', 'en',
            'Children do not belong in detention', 'Dear Minister, please end the detention of children. ' || i,
            'handed', now() - (i % 10) * interval '1 day', now() - (i % 10) * interval '1 day'
       FROM generate_series($2::int, $3::int - 1) AS i,
            (SELECT array_agg(a.id ORDER BY a.slug) AS action_ids,
                    array_agg(sub.id ORDER BY a.slug) AS submission_ids,
                    (SELECT array_agg(id ORDER BY name) FROM targets WHERE organization_id = $1) AS target_ids
               FROM letter_actions a JOIN letter_submissions sub ON sub.action_id = a.id
              WHERE a.organization_id = $1) s`,
    [org, from, to],
  );
  await client.query(
    `INSERT INTO scoreboard_waves (action_id, target_id, organization_id, campaign_id, started_at, letters,
       first_ack_on, ack_business_days, first_substantive_on, substantive_business_days, responses)
     SELECT w.action_id, w.target_id, $1, w.campaign_id, w.started_at, w.letters,
            CASE WHEN w.h % 3 = 0 THEN w.started_at::date + w.h % 9 END, CASE WHEN w.h % 3 = 0 THEN w.h % 7 END,
            CASE WHEN w.h % 5 = 0 THEN w.started_at::date + w.h % 20 END, CASE WHEN w.h % 5 = 0 THEN w.h % 15 END,
            (w.h % 3 = 0)::int + (w.h % 5 = 0)::int
       FROM (SELECT l.action_id, l.target_id, a.campaign_id, min(l.sent_at) AS started_at, count(*)::int AS letters,
                    abs(hashtext(l.action_id::text || l.target_id::text)) AS h
               FROM letters l JOIN letter_actions a ON a.id = l.action_id
              WHERE l.organization_id = $1 GROUP BY 1, 2, 3) w
     ON CONFLICT (action_id, target_id) DO UPDATE SET letters = EXCLUDED.letters, started_at = EXCLUDED.started_at`,
    [org],
  );
}

/** Sequential and index scans of the letters table so far: reads of the boards must not add any. */
async function letterScans(client) {
  const [row] = (
    await client.query(
      `SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) AS n FROM pg_stat_user_tables WHERE relname = 'letters'`,
    )
  ).rows;
  // Statistics reach the view with a delay; the snapshot must not be a cached one.
  await client.query('SELECT pg_stat_clear_snapshot()');
  return Number(row.n);
}
