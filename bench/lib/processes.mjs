import { fork, spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { PROCESS_NODE_ARGS } from '../../dist/libs/core/src/process/node-args.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Peak resident memory of a process so far (Linux VmHWM), in MiB. */
export function peakRssMiB(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'));
  return Math.round(Number(line.split(/\s+/)[1]) / 1024);
}

export async function waitForHttp(url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

export async function startHello() {
  const port = await freePort();
  const child = fork(fileURLToPath(new URL('./hello-server.mjs', import.meta.url)), [String(port)], {
    stdio: 'ignore',
  });
  await new Promise((resolve) => child.once('message', resolve));
  return { url: `http://127.0.0.1:${port}/`, child, stop: () => child.kill('SIGTERM') };
}

/** Extra node options for the measured worker from `--worker-node-args A,B` (comma-separated), e.g. a heap limit. */
export const workerNodeArgs = () => {
  const i = process.argv.indexOf('--worker-node-args');
  return i >= 0 ? (process.argv[i + 1] ?? '').split(',').filter(Boolean) : [];
};

/** Runs a compiled Rally process (api or worker) with the given environment; output kept for diagnosis. */
export function startRallyProcess(app, env, nodeArgs = []) {
  // The options npm start and the image give the process (its heap limit), then the run's own (a later one wins).
  const child = spawn(
    process.execPath,
    [...PROCESS_NODE_ARGS[app], ...nodeArgs, `${ROOT}dist/apps/${app}/src/main.js`],
    {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (d) => (output = (output + d).slice(-20_000)));
  child.stderr.on('data', (d) => (output = (output + d).slice(-20_000)));
  return {
    child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => (exited(child) ? resolve() : (child.once('exit', resolve), child.kill('SIGTERM')))),
  };
}

// A process killed by a signal (e.g. SIGTERM during boot, before its handlers exist) keeps exitCode null.
export const exited = (child) => child.exitCode !== null || child.signalCode !== null;

const TICKS_PER_SECOND = 100; // Linux USER_HZ

/**
 * CPU seconds (user + system) used so far by a process, from /proc/<pid>/stat; with `withExitedChildren`, plus its
 * children that have exited (PostgreSQL's postmaster reaps its backends: a closed connection's CPU stays counted).
 */
export function cpuSeconds(pid, { withExitedChildren = false } = {}) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const children = withExitedChildren ? Number(fields[13]) + Number(fields[14]) : 0;
    return (Number(fields[11]) + Number(fields[12]) + children) / TICKS_PER_SECOND;
  } catch {
    return 0; // the process ended between listing and reading
  }
}

/** CPU seconds used so far by every PostgreSQL server process on this machine (the database and its backends). */
export function postgresCpuSeconds() {
  return cpuSecondsOfCommand(['postgres', 'postmaster'], { withExitedChildren: true });
}

/** CPU seconds used so far by this machine's Redis server (the queue's side of BullMQ). */
export function redisCpuSeconds() {
  return cpuSecondsOfCommand(['redis-server']);
}

function cpuSecondsOfCommand(names, options) {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let comm;
    try {
      comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    if (names.includes(comm)) total += cpuSeconds(entry, options);
  }
  return total;
}

/** Waits until a process has used under 5% of a core for a whole second (done booting), or 30 s have passed. */
export async function waitUntilQuiet(pid) {
  const deadline = Date.now() + 30_000;
  let last = cpuSeconds(pid);
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = cpuSeconds(pid);
    if (now - last < 0.05) return;
    last = now;
  }
}

/**
 * CPU seconds the whole machine has been busy (all cores; user, system and interrupt time), from /proc/stat. Idle,
 * I/O wait and time the hypervisor stole from this virtual machine are not counted.
 */
export function machineBusySeconds() {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const [user, nice, system, , , irq, softirq] = ticks;
  return (user + nice + system + irq + softirq) / TICKS_PER_SECOND;
}
