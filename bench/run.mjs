// Rally benchmarks: every figure is compared with a bare Fastify hello-world measured in the same run on this machine.
// Usage: npm run bench [-- --duration 10] [-- --only count-json,sign]   (writes bench/results/latest.json; docs/benchmarks.md explains them)
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { load } from './lib/load.mjs';
import { peakRssMiB, startHello } from './lib/processes.mjs';
import { startRallyStack } from './lib/rally-stack.mjs';
import { SCENARIOS } from './scenarios.mjs';

const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const durationSeconds = Number(arg('--duration')) || 10;
// --only count-json,sign runs just those scenarios (quick comparisons while tuning).
const only = arg('--only')?.split(',');
const connections = 50;
const results = { date: new Date().toISOString(), machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30) }, durationSeconds, connections, runs: {} };

const hello = await startHello();
await load({ url: hello.url, connections, durationSeconds: 2 }); // warm-up
results.runs.hello = await load({ url: hello.url, connections, durationSeconds });
hello.stop();
console.log('hello-world', results.runs.hello);

const stack = await startRallyStack({ RATE_LIMIT_MULTIPLIER: '100000' });
try {
  for (const scenario of SCENARIOS.filter((s) => !only || only.includes(s.name))) {
    if (scenario.withoutWorker && stack.worker.child.exitCode === null) {
      results.workerPeakRssMiB ??= peakRssMiB(stack.worker.child.pid);
      await stack.worker.stop();
    }
    const run = await scenario.run({ stack, connections, durationSeconds, load });
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
