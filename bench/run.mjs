// Rally benchmarks: every figure is compared with a bare Fastify hello-world measured in the same run on this machine.
// Usage: npm run bench [-- --duration 10] [-- --only count-json,sign] [-- --profile] [-- --set NAME=value]   (writes bench/results/latest.json; docs/benchmarks.md explains them)
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { load } from './lib/load.mjs';
import { cpuSeconds, peakRssMiB, postgresCpuSeconds, startHello } from './lib/processes.mjs';
import { startRallyStack } from './lib/rally-stack.mjs';
import { SCENARIOS } from './scenarios.mjs';

const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const durationSeconds = Number(arg('--duration')) || 10;
// --only count-json,sign runs just those scenarios (quick comparisons while tuning).
const only = arg('--only')?.split(',');
// --profile writes a V8 CPU profile of the api to bench/results/profiles/ (open it in Chrome DevTools).
const profileDir = process.argv.includes('--profile') ? fileURLToPath(new URL('./results/profiles/', import.meta.url)) : undefined;
const connections = 50;
const results = { date: new Date().toISOString(), machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30) }, durationSeconds, connections, runs: {} };

const hello = await startHello();
await load({ url: hello.url, connections, durationSeconds: 2 }); // warm-up
results.runs.hello = await load({ url: hello.url, connections, durationSeconds });
hello.stop();
console.log('hello-world', results.runs.hello);

// --set NAME=value (repeatable) passes Rally configuration to the api and worker, e.g. --set SIGN_WRITE_CONCURRENCY=4.
const settings = Object.fromEntries(process.argv.flatMap((a, i) => (process.argv[i - 1] === '--set' ? [a.split(/=(.*)/s, 2)] : [])));
results.settings = settings;
const stack = await startRallyStack({ RATE_LIMIT_MULTIPLIER: '100000', ...settings }, { apiNodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [] });
try {
  for (const scenario of SCENARIOS.filter((s) => !only || only.includes(s.name))) {
    if (scenario.withoutWorker && stack.worker.child.exitCode === null && stack.worker.child.signalCode === null) {
      results.workerPeakRssMiB ??= peakRssMiB(stack.worker.child.pid);
      await stack.worker.stop();
    }
    const before = cpuSnapshot(stack);
    const run = await scenario.run({ stack, connections, durationSeconds, load });
    run.cpu = cpuShares(before, cpuSnapshot(stack), durationSeconds);
    run.ratioToHello = Number((run.rps / results.runs.hello.rps).toFixed(3));
    results.runs[scenario.name] = run;
    console.log(scenario.name, run);
  }
  results.apiPeakRssMiB = peakRssMiB(stack.api.child.pid);
  results.workerPeakRssMiB ??= peakRssMiB(stack.worker.child.pid);
} finally {
  await stack.stop();
}
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/latest.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');
console.log(JSON.stringify({ apiPeakRssMiB: results.apiPeakRssMiB, workerPeakRssMiB: results.workerPeakRssMiB }));

/** Where the machine's CPU went: seconds used so far by the api, the worker, PostgreSQL and this process (the load). */
function cpuSnapshot(stack) {
  const self = process.cpuUsage();
  return { api: cpuSeconds(stack.api.child.pid), worker: cpuSeconds(stack.worker.child.pid), postgres: postgresCpuSeconds(), load: (self.user + self.system) / 1e6 };
}

/** Cores used on average by each during a scenario (1.0 = one core busy the whole run). */
function cpuShares(before, after, seconds) {
  return Object.fromEntries(Object.keys(before).map((k) => [k, Number(((after[k] - before[k]) / seconds).toFixed(2))]));
}
