// Rally benchmarks: every figure is compared with a bare Fastify hello-world measured in the same run on this machine.
// Usage: npm run bench [-- --duration 10] [-- --only count-json,sign] [-- --profile] [-- --set NAME=value]   (writes bench/results/latest.json; docs/benchmarks.md explains them)
// letter-delivery also takes [-- --letters 6000] [-- --rounds 3] [-- --worker-node-args A,B] (bench/lib/letter-delivery.mjs).
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { load } from './lib/load.mjs';
import {
  cpuSeconds,
  exited,
  machineBusySeconds,
  peakRssMiB,
  postgresCpuSeconds,
  startHello,
} from './lib/processes.mjs';
import { startRallyStack } from './lib/rally-stack.mjs';
import { SCENARIOS } from './scenarios.mjs';

const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const durationSeconds = Number(arg('--duration')) || 10;
// --only count-json,sign runs just those scenarios (quick comparisons while tuning).
const only = arg('--only')?.split(',');
// --profile writes a V8 CPU profile of the api to bench/results/profiles/ (open it in Chrome DevTools).
const profileDir = process.argv.includes('--profile')
  ? fileURLToPath(new URL('./results/profiles/', import.meta.url))
  : undefined;
const connections = 50;
const results = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30) },
  durationSeconds,
  connections,
  runs: {},
};

// The machine's ceiling is measured before and after Rally's scenarios; ratios use the mean of the two, and the
// spread between them shows how much the machine itself drifted during the run.
results.runs.helloBefore = await measureHello();
console.log('hello-world (before)', results.runs.helloBefore);

// --set NAME=value (repeatable) passes Rally configuration to the api and worker, e.g. --set SIGN_WRITE_CONCURRENCY=4.
const settings = Object.fromEntries(
  process.argv.flatMap((a, i) => (process.argv[i - 1] === '--set' ? [a.split(/=(.*)/s, 2)] : [])),
);
results.settings = settings;
// All load comes from one IP: the letter route's own limits (6 per IP per minute by default) are raised as well.
const stack = await startRallyStack(
  {
    RATE_LIMIT_MULTIPLIER: '100000',
    LETTER_RATE_IP_PER_MINUTE: '1000000',
    LETTER_RATE_IP_PER_HOUR: '1000000',
    LETTER_RATE_ACTION_PER_SECOND: '1000000',
    ...settings,
  },
  { apiNodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [] },
);
try {
  for (const scenario of SCENARIOS.filter((s) => !only || only.includes(s.name))) {
    // letter-delivery stops the stack's worker too, and runs its own against its own SMTP sink.
    if ((scenario.withoutWorker || scenario.stopsWorker) && !exited(stack.worker.child)) {
      results.workerPeakRssMiB ??= peakRssMiB(stack.worker.child.pid);
      await stack.worker.stop();
    }
    const before = cpuSnapshot(stack);
    const run = await scenario.run({ stack, connections, durationSeconds, load, profileDir });
    run.cpu ??= cpuShares(before, cpuSnapshot(stack), durationSeconds); // letter-delivery measures its own rounds
    if (run.serverCpu !== undefined) run.cpu.server = run.serverCpu; // a scenario's own server (the naive baseline)
    run.cpuMicrosPerRequest = perRequest(run.cpu, run.rps);
    results.runs[scenario.name] = run;
    console.log(scenario.name, run);
  }
  results.apiPeakRssMiB = peakRssMiB(stack.api.child.pid);
  results.workerPeakRssMiB ??= peakRssMiB(stack.worker.child.pid);
} finally {
  await stack.stop();
}
results.runs.helloAfter = await measureHello();
console.log('hello-world (after)', results.runs.helloAfter);
results.helloRps = Math.round((results.runs.helloBefore.rps + results.runs.helloAfter.rps) / 2);
for (const [name, run] of Object.entries(results.runs))
  if (!name.startsWith('hello') && !SCENARIOS.find((s) => s.name === name)?.notHttp)
    run.ratioToHello = Number((run.rps / results.helloRps).toFixed(3));
// The sign target is also stated against the naive insert-and-enqueue path, measured in this same run.
if (results.runs['sign-api-only'] && results.runs['sign-naive'])
  results.signVsNaive = Number(
    (results.runs['sign-api-only'].rps / Math.max(results.runs['sign-naive'].rps, 1)).toFixed(2),
  );
// The letter submit route beside the sign route, each pair measured in this same run (with and without the worker).
for (const [letter, sign] of [
  ['letter-send', 'sign'],
  ['letter-send-api-only', 'sign-api-only'],
])
  if (results.runs[letter] && results.runs[sign])
    (results.letterVsSign ??= {})[letter] = Number(
      (results.runs[letter].rps / Math.max(results.runs[sign].rps, 1)).toFixed(3),
    );
console.log({ helloRps: results.helloRps, signVsNaive: results.signVsNaive, letterVsSign: results.letterVsSign });
if (results.runs['letter-delivery'])
  console.log('letter-delivery ÷ raw nodemailer', {
    median: results.runs['letter-delivery'].ratioToRaw,
    spread: results.runs['letter-delivery'].ratioSpread,
  });
console.log(
  Object.fromEntries(
    Object.entries(results.runs).map(([name, run]) => [
      name,
      {
        rps: run.rps,
        p99: run.p99,
        ratioToHello: run.ratioToHello,
        cpu: run.cpu,
        cpuMicrosPerRequest: run.cpuMicrosPerRequest,
      },
    ]),
  ),
);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/latest.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');
console.log(JSON.stringify({ apiPeakRssMiB: results.apiPeakRssMiB, workerPeakRssMiB: results.workerPeakRssMiB }));

/** Where the machine's CPU went: seconds used so far by the api, the worker, PostgreSQL, this process (the load and
 * the SMTP sink) and the whole machine (those plus the kernel's network work and everything else). */
function cpuSnapshot(stack) {
  return {
    api: cpuSeconds(stack.api.child.pid),
    worker: cpuSeconds(stack.worker.child.pid),
    postgres: postgresCpuSeconds(),
    load: ownCpuSeconds(),
    machine: machineBusySeconds(),
  };
}

/** Cores used on average by each during a scenario (1.0 = one core busy the whole run). */
function cpuShares(before, after, seconds) {
  return Object.fromEntries(Object.keys(before).map((k) => [k, Number(((after[k] - before[k]) / seconds).toFixed(2))]));
}

/** Bare Fastify hello-world in its own process: 2 s warm-up, then the measured run, with the CPU each side used. */
async function measureHello() {
  const hello = await startHello();
  try {
    await load({ url: hello.url, connections, durationSeconds: 2 });
    const before = { server: cpuSeconds(hello.child.pid), load: ownCpuSeconds(), machine: machineBusySeconds() };
    const run = await load({ url: hello.url, connections, durationSeconds });
    run.cpu = cpuShares(
      before,
      { server: cpuSeconds(hello.child.pid), load: ownCpuSeconds(), machine: machineBusySeconds() },
      durationSeconds,
    );
    run.cpuMicrosPerRequest = perRequest(run.cpu, run.rps);
    return run;
  } finally {
    hello.stop();
  }
}

function ownCpuSeconds() {
  const self = process.cpuUsage();
  return (self.user + self.system) / 1e6;
}

/** CPU time per answered request, in microseconds, for each process. */
function perRequest(cores, rps) {
  return Object.fromEntries(Object.entries(cores).map(([k, c]) => [k, Math.round((c * 1e6) / Math.max(rps, 1))]));
}
