import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { freePort, waitUntil } from './processes.js';

/**
 * Debian's dovecot, decided by test/support/test-services.mjs: '' when it is missing outside CI (the IMAP tests do
 * not run; the summary says how to install it). With CI=true a missing dovecot stops the run before any test.
 */
export const DOVECOT_PATH =
  process.env.DOVECOT_PATH === '' ? undefined : (process.env.DOVECOT_PATH ?? '/usr/sbin/dovecot');

// Skipped only on a machine without dovecot outside CI, and said so in the title and the run's summary (with how to
// install it); with CI=true a missing dovecot stops the run instead, so CI never skips these.
export const describeWithDovecot = (name: string, fn: () => void): void =>
  DOVECOT_PATH && existsSync(DOVECOT_PATH)
    ? describe(name, fn)
    : describe.skip(`${name} [not run: no dovecot, see the summary]`, fn); // skipped: no dovecot on this machine, never in CI

export interface TestDovecot {
  host: '127.0.0.1';
  port: number;
  /** A logged-in client of that user, as a mail client of the organisation would be: the caller logs it out. */
  client(name: string, password: string): Promise<ImapFlow>;
  log(): string;
  stop(): Promise<void>;
}

const id = (flag: string, user?: string): string =>
  execFileSync('id', [flag, ...(user ? [user] : [])], { encoding: 'utf8' }).trim();

/**
 * A dovecot of the test's own with these users (name: password), as a child process on a free loopback port: IMAP only, passwd-file auth in clear (no
 * TLS on loopback), maildirs under a temp dir, state and sockets there too. As root (CI), dovecot refuses to run
 * its login processes or mail as root, so they run as Debian's dovecot/dovenull users; otherwise everything runs as
 * the current user. Stopped by its PID.
 */
export async function startDovecot(users: Record<string, string>): Promise<TestDovecot> {
  if (!DOVECOT_PATH) throw new Error('no dovecot');
  const dir = mkdtempSync(join(tmpdir(), 'rally-test-dovecot-'));
  chmodSync(dir, 0o755); // the mail and login users must reach it
  const asRoot = process.getuid?.() === 0;
  const internalUser = asRoot ? 'dovecot' : userInfo().username;
  const loginUser = asRoot ? 'dovenull' : userInfo().username;
  const mailUid = asRoot ? Number(id('-u', 'dovecot')) : userInfo().uid;
  const mailGid = asRoot ? Number(id('-g', 'dovecot')) : userInfo().gid;
  for (const sub of ['run', 'state', 'mail', 'home']) mkdirSync(join(dir, sub));
  for (const sub of ['mail', 'home']) chownSync(join(dir, sub), mailUid, mailGid);
  const passwd = join(dir, 'passwd');
  writeFileSync(
    passwd,
    Object.entries(users)
      .map(([u, p]) => `${u}:{PLAIN}${p}::::::\n`)
      .join(''),
    { mode: 0o644 },
  );
  const port = await freePort();
  const config = join(dir, 'dovecot.conf');
  writeFileSync(
    config,
    `base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = rally-test-dovecot-${port}
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
# A refused password answers at once (default: 2 s).
auth_failure_delay = 0
default_internal_user = ${internalUser}
default_internal_group = ${asRoot ? 'dovecot' : id('-gn')}
default_login_user = ${loginUser}
first_valid_uid = ${mailUid}
first_valid_gid = 0
mail_location = maildir:${dir}/mail/%u
namespace inbox {
  inbox = yes
  separator = /
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${passwd}
}
userdb {
  driver = static
  args = uid=${mailUid} gid=${mailGid} home=${dir}/home/%u
}
# No auth penalty (the next logins from an address that failed wait up to 15 s): the refused-login cases stay fast.
# No chroot for anvil and the login process: only root may chroot, and these run as the current user without root.
service anvil {
  chroot =
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`,
  );
  const child = spawn(DOVECOT_PATH, ['-F', '-c', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const log = (): string => {
    const file = join(dir, 'dovecot.log');
    return output + (existsSync(file) ? readFileSync(file, 'utf8') : '');
  };
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.pid) process.kill(child.pid, 'SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntil(() => greets(port), 10_000);
  } catch {
    const seen = log();
    await stop();
    throw new Error(`dovecot did not start on 127.0.0.1:${port}:\n${seen}`);
  }
  return {
    host: '127.0.0.1',
    port,
    async client(name, password) {
      const client = new ImapFlow({
        host: '127.0.0.1',
        port,
        secure: false,
        auth: { user: name, pass: password },
        logger: false,
        disableAutoIdle: true,
      });
      client.on('error', () => undefined);
      await client.connect();
      return client;
    },
    log,
    stop,
  };
}

/** Whether an IMAP greeting comes from the port. */
function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const done = (ok: boolean): void => (socket.destroy(), resolve(ok));
    socket.once('data', (d: Buffer) => done(d.toString().startsWith('* OK')));
    socket.once('error', () => done(false));
    socket.setTimeout(2_000, () => done(false));
  });
}
