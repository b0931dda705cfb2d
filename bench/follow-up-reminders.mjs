// The follow-up reminder scan over 100,000 open follow-ups, of which 10,000 owe a reminder today, against a bare
// indexed SELECT of the same due rows measured in the same run; then the idle scan (nothing due) over all of them.
// Usage: npm run build:server && node bench/follow-up-reminders.mjs [--rows 100000] [--due 10000]
//        (writes bench/results/follow-up-reminders.json)
import os from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Queue } from 'bullmq';
import pg from 'pg';
import { REMINDER_DUE_SQL } from '../dist/libs/followups/src/reminders/reminder-scan.js';
import { cpuSeconds, peakRssMiB, postgresCpuSeconds, startRallyProcess } from './lib/processes.mjs';
import { startRallyStack } from './lib/rally-stack.mjs';

const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const ROWS = Number(arg('--rows')) || 100_000;
const DUE = Number(arg('--due')) || 10_000;
const OWNERS = 50;

// The stack's own worker ticks hourly: the measured worker, started once the rows exist, ticks every second.
const stack = await startRallyStack({ FOLLOWUP_REMINDER_MS: '3600000', FOLLOWUP_DIGEST_MS: '3600000' });
const results = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30) },
  rows: ROWS,
  due: DUE,
};
const db = new pg.Client({ connectionString: stack.databaseUrl });
await db.connect();
const queue = new Queue('followups', { prefix: stack.env.QUEUE_PREFIX, connection: { host: '127.0.0.1', port: 6379 } });
const mailQueue = new Queue('mail', { prefix: stack.env.QUEUE_PREFIX, connection: { host: '127.0.0.1', port: 6379 } });
let worker;
try {
  await stack.worker.stop();
  let t = performance.now();
  await generate();
  results.generateSeconds = round((performance.now() - t) / 1000);
  console.log(`generated ${ROWS} follow-ups in ${results.generateSeconds} s`);

  results.baseline = await bareSelect();
  results.plan = await plan();
  console.log('bare indexed SELECT', results.baseline, 'scan plan', results.plan);

  await queue.obliterate({ force: true });
  // Mail waits until the scan is done: the worker's sending would otherwise share its CPU with the scan measured.
  await mailQueue.pause();
  const cpu0 = { postgres: postgresCpuSeconds() };
  t = performance.now();
  worker = startRallyProcess('worker', { ...stack.env, FOLLOWUP_REMINDER_MS: '1000' });
  await until(async () => (await count(`SELECT count(*)::int AS n FROM follow_up_reminders`)) === DUE, 120_000);
  const stagedSeconds = (performance.now() - t) / 1000;
  const scanCpu = { worker: cpuSeconds(worker.child.pid), postgres: postgresCpuSeconds() - cpu0.postgres };
  t = performance.now();
  await mailQueue.resume();
  await until(async () => stack.mailCount() >= DUE, 300_000);
  const mailedSeconds = (performance.now() - t) / 1000;
  // Three more ticks with nothing due, once the mail is out: the steady state of a scan over 100,000 rows.
  const quietFrom = Date.now();
  const idleRuns = async () => (await scans()).filter((s) => s.looked === 0 && s.startedAt > quietFrom);
  await until(async () => (await idleRuns()).length >= 3, 30_000);
  const busy = (await scans()).filter((s) => s.looked > 0);
  const idle = (await idleRuns()).map((s) => s.ms);
  // Ticks may overlap (one starts each second, SKIP LOCKED shares the rows): the span from the first to the last.
  const scanMs = Math.max(...busy.map((s) => s.startedAt + s.ms)) - Math.min(...busy.map((s) => s.startedAt));
  results.rally = {
    scanTicks: busy.length,
    looked: busy.reduce((n, s) => n + s.looked, 0),
    staged: busy.reduce((n, s) => n + s.staged, 0),
    scanMs,
    tickMs: busy.map((s) => s.ms),
    remindersPerSecond: Math.round((DUE * 1000) / Math.max(scanMs, 1)),
    idleScanMs: idle.sort((a, b) => a - b)[Math.floor(idle.length / 2)],
    // Wall time from the worker's start (boot included) to every reminder recorded; then sending them all.
    wallToStagedSeconds: round(stagedSeconds),
    scanCpuSeconds: { worker: round(scanCpu.worker), postgres: round(scanCpu.postgres) },
    mailSeconds: round(mailedSeconds),
    mailPerSecond: Math.round(DUE / mailedSeconds),
    workerPeakRssMiB: peakRssMiB(worker.child.pid),
  };
  results.scanVsBareSelect = Number((scanMs / Math.max(results.baseline.selectMs, 0.001)).toFixed(1));
  if (results.rally.staged !== DUE) throw new Error(`staged ${results.rally.staged} of ${DUE}`);
} finally {
  await worker?.stop();
  await queue.close();
  await mailQueue.close();
  await db.end();
  await stack.stop();
}
console.log(JSON.stringify(results, null, 2));
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/follow-up-reminders.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');

/** One organisation (UTC, so its day is the database's), 50 owners, 100,000 open follow-ups in one INSERT ... SELECT. */
async function generate() {
  const [org] = (
    await db.query(
      `INSERT INTO organization (name, slug, country, time_zone, default_language)
       VALUES ('Bench', 'bench-follow-ups', 'FR', 'UTC', 'en') RETURNING id`,
    )
  ).rows;
  const users = (
    await db.query(
      `INSERT INTO staff_user (email, name, password_hash, password_changed_at)
       SELECT 'owner' || i || '@bench.example.org', 'Owner ' || i, 'x', now() FROM generate_series(1, $1) i
       RETURNING id`,
      [OWNERS],
    )
  ).rows.map((u) => u.id);
  await db.query(
    `INSERT INTO membership (organization_id, user_id, role) SELECT $1, u, 'coordinator' FROM unnest($2::uuid[]) u`,
    [org.id, users],
  );
  // The first DUE are due in two days (their "3 days before" reminder is owed, looked at since yesterday); the others
  // are due between 10 and 310 days from now, their next step weeks ahead.
  await db.query(
    `INSERT INTO follow_ups (organization_id, title, due_on, owner_id, status, next_reminder_on)
     SELECT $1, 'Follow-up ' || i,
            CASE WHEN i <= $3 THEN current_date + 2 ELSE current_date + 10 + i % 300 END,
            ($4::uuid[])[1 + i % $5], 'open',
            CASE WHEN i <= $3 THEN current_date - 1 ELSE current_date + 7 + i % 300 END
       FROM generate_series(1, $2) i`,
    [org.id, ROWS, DUE, users, OWNERS],
  );
  await db.query('ANALYZE follow_ups');
}

/** The floor: reading the same due rows through the same index, nothing else (no lock, no mail, no update). */
async function bareSelect() {
  const times = [];
  for (let i = 0; i < 5; i += 1) {
    const t = performance.now();
    const { rows } = await db.query(
      `SELECT id, due_on, owner_id FROM follow_ups WHERE next_reminder_on <= current_date AND status = 'open'`,
    );
    times.push(performance.now() - t);
    if (rows.length !== DUE) throw new Error(`bare select found ${rows.length}`);
  }
  return { rows: DUE, selectMs: round(times.sort((a, b) => a - b)[2]) };
}

/** The scan's own statement, explained on one batch (rolled back: EXPLAIN ANALYZE takes its row locks). */
async function plan() {
  await db.query('BEGIN');
  try {
    const { rows } = await db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${REMINDER_DUE_SQL}`, [new Date(), 500]);
    const text = JSON.stringify(rows[0]['QUERY PLAN']);
    return {
      usesIndex: text.includes('follow_ups_next_reminder_idx'),
      seqScanOfFollowUps: /"Node Type":"Seq Scan","Parent Relationship":"[^"]*",[^}]*"Relation Name":"follow_ups"/.test(
        text,
      ),
      batchMs: round(rows[0]['QUERY PLAN'][0]['Execution Time']),
    };
  } finally {
    await db.query('ROLLBACK');
  }
}

/** The reminder job runs BullMQ recorded: how long each took and what it returned. */
async function scans() {
  const jobs = await queue.getJobs(['completed'], 0, 1000);
  return jobs
    .filter((j) => j.name === 'followups.reminders' && j.returnvalue)
    .map((j) => ({
      startedAt: j.processedOn,
      ms: j.finishedOn - j.processedOn,
      looked: j.returnvalue.looked,
      staged: j.returnvalue.staged,
    }));
}

async function count(sql) {
  return (await db.query(sql)).rows[0].n;
}

async function until(check, timeoutMs) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

function round(n) {
  return Number(n.toFixed(2));
}
