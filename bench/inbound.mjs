// Inbound mail: replies and delivery reports (2-50 KB, one in ten a report) sent over SMTP to real reply+/bounce+
// addresses of real letters, accepted by Rally's inbound process and processed by its worker, against a bare
// smtp-server that parses each message with postal-mime before its 250, fed the same messages by the same load
// generator in the same run, round after round. Then the inbound process's peak memory while 1 MB and 10 MB
// messages stream in, 5 and 20 at once.
// Usage: npm run build:server && node bench/inbound.mjs [--messages 3000] [--rounds 3] [--connections 5]
//        [--memory-only | --no-memory] [--baseline-join] [--profile] [--set NAME=value]
//        (writes bench/results/inbound.json; docs/benchmarks.md, "Inbound mail", explains the figures)
import { fork } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { handedLetters } from './lib/inbound-setup.mjs';
import {
  cpuSeconds,
  exited,
  freePort,
  machineBusySeconds,
  peakRssMiB,
  postgresCpuSeconds,
  redisCpuSeconds,
  startRallyProcess,
  waitUntilQuiet,
} from './lib/processes.mjs';
import { startRallyStack } from './lib/rally-stack.mjs';

const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
/** Messages per measured round: 15-30 s at Rally's pace on the 2-core machine of docs/benchmarks.md. */
const MESSAGES = Number(arg('--messages')) || 3_000;
const ROUNDS = Number(arg('--rounds')) || 3;
/** Connections the generator's pool opens: a few, as one busy relay keeps to one MX. */
const CONNECTIONS = Number(arg('--connections')) || 5;
const WARM_UP_MESSAGES = 500;
const withMemory = !process.argv.includes('--no-memory');
const withThroughput = !process.argv.includes('--memory-only');
// --baseline-join: the bare server parses with Rally's join of plain-text bodies too (bench/lib/bare-inbound-server.mjs).
const baselineJoin = process.argv.includes('--baseline-join');
// --profile writes V8 CPU profiles of the inbound process and the worker to bench/results/profiles/.
const profileDir = process.argv.includes('--profile')
  ? fileURLToPath(new URL('./results/profiles/', import.meta.url))
  : undefined;
const settings = Object.fromEntries(
  process.argv.flatMap((a, i) => (process.argv[i - 1] === '--set' ? [a.split(/=(.*)/s, 2)] : [])),
);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round3 = (x) => Number(x.toFixed(3));

const results = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30) },
  node: process.version,
  messagesPerRound: MESSAGES,
  connections: CONNECTIONS,
  baseline: baselineJoin ? "smtp-server + postal-mime with Rally's pass-through join" : 'smtp-server + postal-mime',
  settings,
};

const stack = await startRallyStack({ LETTER_REPLY_DOMAIN: 'reply.bench.example.org', ...settings });
const started = [];
try {
  const totalLetters = WARM_UP_MESSAGES + ROUNDS * MESSAGES + 40;
  const { letters } = await handedLetters(stack, withThroughput ? totalLetters : 40);
  // The api made the setup and has nothing more to do; its timers would only add noise to the machine's figures.
  await stack.api.stop();
  // The stack's worker is replaced by one this bench starts (profiled with --profile), as letter-delivery does.
  await stack.worker.stop();
  const nodeArgs = (name) =>
    profileDir
      ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name}-${process.pid}.cpuprofile`]
      : [];
  const inboundPort = await freePort();
  const inbound = startRallyProcess(
    'inbound',
    { ...stack.env, INBOUND_SMTP_HOST: '127.0.0.1', INBOUND_SMTP_PORT: String(inboundPort) },
    nodeArgs('inbound'),
  );
  started.push(inbound);
  const worker = startRallyProcess('worker', stack.env, nodeArgs('worker'));
  started.push(worker);
  await smtpBanner(inboundPort, inbound);
  await Promise.all([waitUntilQuiet(inbound.child.pid), waitUntilQuiet(worker.child.pid)]);
  results.bootRssMiB = { inbound: vmRssMiB(inbound.child.pid), worker: vmRssMiB(worker.child.pid) };

  const sender = child('./lib/inbound-sender.mjs', []);
  started.push(sender);
  await sender.reply('ready');
  const barePort = await freePort();
  const bare = child('./lib/bare-inbound-server.mjs', [String(barePort), ...(baselineJoin ? ['join'] : [])]);
  started.push(bare);
  await bare.reply('ready');

  if (withThroughput) {
    let next = 0;
    const take = (n) => letters.slice(next, (next += n));
    // Warm-up of both (JIT, pools, the queue's scripts, PostgreSQL's caches), not reported.
    const warm = take(WARM_UP_MESSAGES);
    await rallyRound(0, warm);
    await bareRound(0, warm);
    const rounds = [];
    for (let r = 1; r <= ROUNDS; r++) {
      const batch = take(MESSAGES);
      const rally = await rallyRound(r, batch);
      const baseline = await bareRound(r, batch);
      // Beside the throughput ratio, the same comparison in CPU per message of the processes each side runs (Rally:
      // inbound, worker, PostgreSQL, Redis, generator; baseline: server, generator): steadier on a machine others
      // share, which slows both sides unevenly from one round to the next.
      const c = rally.cpuMicrosPerMessage;
      const rallyCpu = c.inbound + c.worker + c.postgres + c.redis + c.generator;
      const baselineCpu = baseline.cpuMicrosPerMessage.server + baseline.cpuMicrosPerMessage.generator;
      rounds.push({
        messages: MESSAGES,
        rally,
        baseline,
        ratio: round3(rally.perSecond / baseline.perSecond),
        cpuRatio: round3(baselineCpu / rallyCpu),
      });
      console.log('inbound round', r, JSON.stringify(rounds.at(-1)));
    }
    const ratios = rounds.map((r) => r.ratio);
    const mid = rounds.find((r) => r.ratio === median(ratios));
    const cpuRatios = rounds.map((r) => r.cpuRatio);
    results.throughput = {
      ratio: median(ratios),
      ratioSpread: [Math.min(...ratios), Math.max(...ratios)],
      cpuRatio: median(cpuRatios),
      cpuRatioSpread: [Math.min(...cpuRatios), Math.max(...cpuRatios)],
      rallyPerSecond: mid.rally.perSecond,
      baselinePerSecond: mid.baseline.perSecond,
      rounds,
    };
  }

  if (withMemory) {
    const to = letters.slice(-40).map((l) => l.replyTo);
    results.memory = {
      rally: await memoryRuns('rally', inboundPort, to),
      baseline: await memoryRuns('bare', barePort, to),
    };
    // Flat means the 10 MB steps peak where the 1 MB ones do: these are 10 MB peak ÷ 1 MB peak, same concurrency.
    for (const side of Object.values(results.memory))
      side.tenMbOverOneMb = Object.fromEntries(
        [5, 20].map((n) => [n, round3(side[`${n} x 10 MB`].peakRssMiB / side[`${n} x 1 MB`].peakRssMiB)]),
      );
  }

  // Ends every process the bench started, newest first (profiles are written as they exit).
  await stopStarted();

  /**
   * One round through Rally: the generator sends `batch.length` messages (message i about letter i); the round ends
   * when the last of them is processed in PostgreSQL (processed_at of the round's rows), starting from 'go'.
   */
  async function rallyRound(round, batch) {
    await build(round, batch);
    const before = rallySnapshot();
    const t0 = Date.now();
    sender.send({ kind: 'go', port: inboundPort, connections: CONNECTIONS });
    const sent = await sender.reply('sent');
    if (sent.refused > 0) throw new Error(`Rally refused ${sent.refused} messages: ${sent.firstRefusal}`);
    const done = await processedSince(new Date(t0), batch.length);
    const after = rallySnapshot();
    const seconds = (done.lastProcessedAt - t0) / 1000;
    const perSecond = Math.round(batch.length / seconds);
    return {
      seconds: round3(seconds),
      perSecond,
      acceptedPerSecond: Math.round(batch.length / sent.seconds),
      acceptedSeconds: round3(sent.seconds),
      ...done.checks,
      cpuMicrosPerMessage: perMessage(before, after, batch.length),
      cores: cores(before, after, seconds),
    };

    function rallySnapshot() {
      return {
        inbound: cpuSeconds(inbound.child.pid),
        worker: cpuSeconds(worker.child.pid),
        postgres: postgresCpuSeconds(),
        redis: redisCpuSeconds(),
        generator: cpuSeconds(sender.pid),
        machine: machineBusySeconds(),
      };
    }
  }

  /** The same messages to the bare server: the round ends when the generator has the last 250. */
  async function bareRound(round, batch) {
    await build(round, batch);
    const snapshot = () => ({
      server: cpuSeconds(bare.pid),
      generator: cpuSeconds(sender.pid),
      machine: machineBusySeconds(),
    });
    const before = snapshot();
    sender.send({ kind: 'go', port: barePort, connections: CONNECTIONS });
    const sent = await sender.reply('sent');
    const after = snapshot();
    if (sent.refused > 0) throw new Error(`the bare server refused ${sent.refused} messages: ${sent.firstRefusal}`);
    const perSecond = Math.round(batch.length / sent.seconds);
    return {
      seconds: round3(sent.seconds),
      perSecond,
      cpuMicrosPerMessage: perMessage(before, after, batch.length),
      cores: cores(before, after, sent.seconds),
    };
  }

  async function build(round, batch) {
    sender.send({ kind: 'build', round, letters: batch });
    const built = await sender.reply('built');
    results.bytesPerRound ??= built.bytes;
  }

  /**
   * Peak RSS of a server process (VmHWM, reset before each step through /proc/PID/clear_refs) while `concurrent`
   * messages of `bytes` stream in at once; Rally's steps also wait for the worker to process what came in, and
   * report the worker's peak beside it. Idle is the process's RSS before the first step.
   */
  async function memoryRuns(which, port, to) {
    const pid = which === 'rally' ? inbound.child.pid : bare.pid;
    const steps = { idleRssMiB: vmRssMiB(pid) };
    for (const [concurrent, bytes] of [
      [5, 1_000_000],
      [20, 1_000_000],
      [5, 10_000_000],
      [20, 10_000_000],
    ]) {
      resetPeak(pid);
      if (which === 'rally') resetPeak(worker.child.pid);
      const t0 = new Date();
      sender.send({ kind: 'stream', port, concurrent, bytes, to });
      const streamed = await sender.reply('streamed');
      if (streamed.refused > 0)
        throw new Error(`${which} refused ${streamed.refused} large messages: ${streamed.firstRefusal}`);
      const step = { peakRssMiB: peakRssMiB(pid), seconds: round3(streamed.seconds) };
      if (which === 'rally') {
        step.storedPeakRssMiB = step.peakRssMiB;
        const done = await processedSince(t0, concurrent, { allowed: ['processed'] });
        step.processedSeconds = round3((done.lastProcessedAt - t0.getTime()) / 1000);
        step.workerPeakRssMiB = peakRssMiB(worker.child.pid);
      }
      steps[`${concurrent} x ${bytes / 1_000_000} MB`] = step;
      console.log('inbound memory', which, concurrent, bytes, JSON.stringify(step));
    }
    return steps;
  }
} finally {
  await stopStarted();
  await stack.stop();
}

async function stopStarted() {
  while (started.length > 0) await started.pop().stop();
}

console.log(JSON.stringify(results, null, 2));
if (results.throughput)
  console.log(`inbound ÷ ${results.baseline}`, {
    median: results.throughput.ratio,
    spread: results.throughput.ratioSpread,
    cpuMedian: results.throughput.cpuRatio,
    cpuSpread: results.throughput.cpuRatioSpread,
  });
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/inbound.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');

/**
 * Waits until `count` inbound messages received since `since` have left `received` (at most five minutes), then
 * checks what became of them: every one processed, threaded to its letter, replies as replies and reports as bounces.
 */
async function processedSince(since, count, { allowed = ['processed'] } = {}) {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const [{ done }] = await stack.query(
      `SELECT count(*)::int AS done FROM inbound_messages WHERE received_at >= $1 AND status <> 'received'`,
      [since],
    );
    if (done >= count) break;
    if (Date.now() > deadline) throw new Error(`only ${done} of ${count} inbound messages processed in 5 minutes`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const [c] = await stack.query(
    `SELECT count(*)::int AS rows,
            count(*) FILTER (WHERE status = ANY($2))::int AS processed,
            count(*) FILTER (WHERE letter_id IS NOT NULL)::int AS threaded,
            count(*) FILTER (WHERE kind = 'reply')::int AS replies,
            count(*) FILTER (WHERE kind = 'bounce')::int AS bounces,
            extract(epoch FROM max(processed_at)) * 1000 AS last_processed
       FROM inbound_messages WHERE received_at >= $1`,
    [since, allowed],
  );
  if (c.rows !== count || c.processed !== count || c.threaded !== count)
    throw new Error(`inbound messages not all processed and threaded: ${JSON.stringify(c)}`);
  return {
    lastProcessedAt: Number(c.last_processed),
    checks: { processed: c.processed, threaded: c.threaded, replies: c.replies, bounces: c.bounces },
  };
}

/** CPU time per message, in microseconds, for each process. */
function perMessage(before, after, count) {
  return Object.fromEntries(Object.keys(before).map((k) => [k, Math.round(((after[k] - before[k]) * 1e6) / count)]));
}

/** Cores used on average while the round ran (1.0 = one core busy throughout). */
function cores(before, after, seconds) {
  return Object.fromEntries(Object.keys(before).map((k) => [k, Number(((after[k] - before[k]) / seconds).toFixed(2))]));
}

function vmRssMiB(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Math.round(Number(line.split(/\s+/)[1]) / 1024);
}

/** Sets the process's VmHWM back to its current RSS (Linux: writing 5 to clear_refs). */
function resetPeak(pid) {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

/** A forked helper of this bench: `reply(kind)` waits for its next message of that kind. */
function child(path, args) {
  const proc = fork(fileURLToPath(new URL(path, import.meta.url)), args, {
    stdio: 'inherit',
    serialization: 'advanced',
  });
  const inbox = [];
  let wake;
  proc.on('message', (m) => (inbox.push(m), wake?.()));
  proc.on('exit', () => wake?.());
  return {
    pid: proc.pid,
    send: (m) => proc.send(m),
    async reply(kind) {
      for (;;) {
        const i = inbox.findIndex((m) => m.kind === kind || m.kind === 'error');
        if (i >= 0) {
          const [m] = inbox.splice(i, 1);
          if (m.kind === 'error') throw new Error(`${path}: ${m.error}`);
          return m;
        }
        if (exited(proc)) throw new Error(`${path} exited`);
        await new Promise((r) => (wake = r));
      }
    },
    stop: () =>
      new Promise((resolve) => (exited(proc) ? resolve() : (proc.once('exit', resolve), proc.kill('SIGTERM')))),
  };
}

/** Waits until the inbound process answers its banner on `port` (at most 60 s). */
async function smtpBanner(port, proc) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ok = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('data', (d) => (socket.end('QUIT\r\n'), resolve(String(d).startsWith('220'))));
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (exited(proc.child)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the inbound process did not answer on ${port}\n${proc.output()}`);
}
