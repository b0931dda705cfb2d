import { spawn } from 'node:child_process';
import { ROOT } from './processes.mjs';

/**
 * Creates an organisation and admin with the CLI, signs in, and opens a petition through the staff API; returns the
 * signed-in `staff` call and the campaign too, for other scenarios' setup (bench/lib/letter-setup.mjs).
 */
export async function openPetition(stack) {
  const { cookie, csrfToken } = await signInBenchAdmin(stack);
  const staff = async (method, path, body) => {
    const res = await fetch(`${stack.base}/api/orgs/bench${path}`, {
      method,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), cookie, 'x-csrf-token': csrfToken },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const campaign = await staff('POST', '/campaigns', { name: 'Bench campaign' });
  const petition = await staff('POST', '/petitions', {
    campaignId: campaign.id,
    slug: 'bench-petition',
    title: 'End the detention of children',
    ask: 'We ask the Ministry of Justice to end the detention of children.',
    goal: 1_000_000,
    language: 'en',
  });
  await staff('POST', `/petitions/${petition.id}/open`);
  return { slug: 'bench-petition', petitionId: petition.id, campaignId: campaign.id, staff };
}

/** An organisation and its admin through the CLI (`create-admin`), signed in: the session cookie and CSRF token. */
export async function signInBenchAdmin(stack) {
  const out = await new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        `${ROOT}dist/apps/cli/src/main.js`,
        'create-admin',
        '--org-name',
        'Bench Org',
        '--slug',
        'bench',
        '--country',
        'FR',
        '--email',
        'admin@bench.example.org',
        '--name',
        'Bench Admin',
      ],
      { env: { PATH: process.env.PATH, ...stack.env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.stderr.on('data', (d) => (text += d));
    child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(text))));
  });
  const [, email, password] = /Admin login: (\S+) \/ (\S+)/.exec(out);
  const login = await fetch(`${stack.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = await login.json();
  return { cookie, csrfToken };
}
