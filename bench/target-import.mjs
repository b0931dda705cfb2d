// CSV import of 50,000 targets through Rally (upload streamed, check, apply) against a bare multi-row INSERT of the
// same rows measured in the same run, with the api's and worker's peak memory.
// Usage: node bench/target-import.mjs [--rows 50000]   (after npm run build:server; writes bench/results/target-import.json)
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { cpuSeconds, peakRssMiB, postgresCpuSeconds } from './lib/processes.mjs';
import { startRallyStack } from './lib/rally-stack.mjs';
import { signInBenchAdmin } from './lib/petition-setup.mjs';

const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const ROWS = Number(arg('--rows')) || 50_000;
const HEADER = 'external_id,name,kind,title,country,language,emails,region_codes,tags,focus_areas,active,notes';

/** Row i of the file, the same fields the baseline inserts. */
const fields = (i) => ({
  externalId: `MP-${i}`,
  name: `Member ${i} of Parliament`,
  kind: 'parliamentarian',
  title: `Member for constituency ${i % 577}`,
  country: 'FR',
  language: 'fr',
  emails: [`mp${i}@assemblee.example.gov`, `office${i}@assemblee.example.gov`],
  regionCodes: [`FR-${i % 100}`],
  tags: ['committee', `region-${i % 13}`],
  focusAreas: ['migration'],
  active: true,
  notes: 'Office hours on Tuesdays',
});

async function* csvFile() {
  yield Buffer.from(`${HEADER}\n`);
  for (let i = 0; i < ROWS; i += 1000) {
    let block = '';
    for (let j = i; j < Math.min(i + 1000, ROWS); j++) {
      const f = fields(j);
      block += `${f.externalId},${f.name},${f.kind},${f.title},${f.country},${f.language},${f.emails.join(';')},${f.regionCodes.join(';')},${f.tags.join(';')},${f.focusAreas.join(';')},true,${f.notes}\n`;
    }
    yield Buffer.from(block);
  }
}

const vmRssMiB = (pid) =>
  Math.round(
    Number(
      readFileSync(`/proc/${pid}/status`, 'utf8')
        .split('\n')
        .find((l) => l.startsWith('VmRSS:'))
        .split(/\s+/)[1],
    ) / 1024,
  );

const stack = await startRallyStack({ RATE_LIMIT_MULTIPLIER: '100000' });
const results = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30) },
  rows: ROWS,
};
try {
  const staff = await signIn(stack);
  results.baseline = await bareInsert(stack.databaseUrl);
  console.log('bare multi-row INSERT', results.baseline);
  results.rssBeforeMiB = { api: vmRssMiB(stack.api.child.pid), worker: vmRssMiB(stack.worker.child.pid) };

  const cpu0 = {
    api: cpuSeconds(stack.api.child.pid),
    worker: cpuSeconds(stack.worker.child.pid),
    postgres: postgresCpuSeconds(),
  };
  let t = performance.now();
  const uploaded = await staff('POST', '/target-imports?kind=targets&fileName=bench.csv', csvFile(), 'text/csv');
  const uploadSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  await staff('POST', `/target-imports/${uploaded.id}/check`, { mapping: uploaded.mapping, missing: 'keep' });
  const checked = await until(staff, uploaded.id, 'checked');
  const checkSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  await staff('POST', `/target-imports/${uploaded.id}/apply`, {});
  const applied = await until(staff, uploaded.id, 'applied');
  const applySeconds = (performance.now() - t) / 1000;
  const [{ n }] = await stack.query(`SELECT count(*)::int AS n FROM targets WHERE external_id LIKE 'MP-%'`);
  if (n < ROWS || applied.created !== ROWS || checked.created !== ROWS || applied.errorCount !== 0)
    throw new Error(`import incomplete: ${n} rows, ${JSON.stringify(applied)}`);
  const cpu = {
    api: cpuSeconds(stack.api.child.pid) - cpu0.api,
    worker: cpuSeconds(stack.worker.child.pid) - cpu0.worker,
    postgres: postgresCpuSeconds() - cpu0.postgres,
  };
  const rate = (s) => Math.round(ROWS / s);
  results.rally = {
    fileMiB: Number((uploaded.fileBytes / 1_048_576).toFixed(1)),
    uploadSeconds: round(uploadSeconds),
    checkSeconds: round(checkSeconds),
    applySeconds: round(applySeconds),
    checkRowsPerSecond: rate(checkSeconds),
    applyRowsPerSecond: rate(applySeconds),
    endToEndRowsPerSecond: rate(uploadSeconds + checkSeconds + applySeconds),
    cpuSeconds: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, round(v)])),
  };
  // A second apply of the same file: every row is found unchanged (the common re-import).
  const again = await staff('POST', '/target-imports?kind=targets&fileName=bench-again.csv', csvFile(), 'text/csv');
  t = performance.now();
  await staff('POST', `/target-imports/${again.id}/check`, { mapping: again.mapping, missing: 'keep' });
  const unchanged = await until(staff, again.id, 'checked');
  results.rally.recheckUnchangedRowsPerSecond = rate((performance.now() - t) / 1000);
  if (unchanged.unchanged !== ROWS) throw new Error(`re-import not unchanged: ${JSON.stringify(unchanged)}`);
  results.peakRssMiB = { api: peakRssMiB(stack.api.child.pid), worker: peakRssMiB(stack.worker.child.pid) };
  results.applyVsBareInsert = Number((results.rally.applyRowsPerSecond / results.baseline.rowsPerSecond).toFixed(3));
  results.checkVsBareInsert = Number((results.rally.checkRowsPerSecond / results.baseline.rowsPerSecond).toFixed(3));
} finally {
  await stack.stop();
}
console.log(JSON.stringify(results, null, 2));
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/target-import.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');

function round(n) {
  return Number(n.toFixed(2));
}

/**
 * The floor: the same rows (targets and their two addresses) in 500-row multi-VALUES INSERTs on one connection and
 * one transaction, in another organisation, with no parsing, validation, matching or progress. Removed afterwards.
 */
async function bareInsert(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const org = randomUUID();
  try {
    const t = performance.now();
    await client.query('BEGIN');
    for (let i = 0; i < ROWS; i += 500) {
      const targets = [];
      const emails = [];
      for (let j = i; j < Math.min(i + 500, ROWS); j++) targets.push({ id: randomUUID(), ...fields(j) });
      const tv = [];
      const tp = [];
      for (const r of targets) {
        const b = tp.length;
        tv.push(`(${Array.from({ length: 13 }, (_, k) => `$${b + k + 1}`).join(',')})`);
        tp.push(
          r.id,
          org,
          r.kind,
          r.name,
          r.title,
          r.country,
          r.regionCodes,
          r.language,
          r.focusAreas,
          r.tags,
          `B-${r.externalId}`,
          r.notes,
          r.active,
        );
        r.emails.forEach((address, position) => emails.push([org, r.id, address, address.toLowerCase(), position]));
      }
      await client.query(
        `INSERT INTO targets (id, organization_id, kind, name, title, country, region_codes, language, focus_areas, tags, external_id, notes, active) VALUES ${tv.join(',')}`,
        tp,
      );
      await client.query(
        `INSERT INTO target_emails (organization_id, target_id, address, address_normalized, position) VALUES ${emails
          .map((_, k) => `(${[1, 2, 3, 4, 5].map((c) => `$${k * 5 + c}`).join(',')})`)
          .join(',')}`,
        emails.flat(),
      );
    }
    await client.query('COMMIT');
    const seconds = (performance.now() - t) / 1000;
    return { seconds: round(seconds), rowsPerSecond: Math.round(ROWS / seconds) };
  } finally {
    await client.query(`DELETE FROM targets WHERE organization_id = $1`, [org]);
    await client.end();
  }
}

/** An organisation and admin through the CLI, then a session: returns a caller of its staff API. */
async function signIn(stack) {
  const { cookie, csrfToken } = await signInBenchAdmin(stack);
  return async (method, path, body, contentType = 'application/json') => {
    const streamed = contentType !== 'application/json';
    const res = await fetch(`${stack.base}/api/orgs/bench${path}`, {
      method,
      headers: { ...(body ? { 'content-type': contentType } : {}), cookie, 'x-csrf-token': csrfToken },
      body: body === undefined ? undefined : streamed ? body : JSON.stringify(body),
      duplex: 'half',
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
}

/** Polls the import every 100 ms until it reaches `status` (fails on 'failed'). */
async function until(staff, id, status) {
  for (;;) {
    const found = await staff('GET', `/target-imports/${id}`);
    if (found.status === status) return found;
    if (found.status === 'failed') throw new Error(`import failed: ${found.failure}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
