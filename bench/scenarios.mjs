import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { FormStamp } from '../dist/libs/core/src/security/form-stamp.js';
import { letterDeliveryScenario } from './lib/letter-delivery.mjs';
import { openLetterAction } from './lib/letter-setup.mjs';
import { cpuSeconds, exited, freePort } from './lib/processes.mjs';
import { openPetition } from './lib/petition-setup.mjs';

// Each scenario measures one Rally path against the running stack and returns load() figures plus its own checks.
let petition;
const setup = async (stack) => (petition ??= await openPetition(stack));
let letterAction;
const letterSetup = async (stack) => (letterAction ??= await openLetterAction(await setup(stack)));

/** Durable signing: every request a new supporter; afterwards every acknowledged (202) signature must be in PostgreSQL. */
function signScenario(name, emailPrefix, withoutWorker) {
  return {
    name,
    withoutWorker,
    async run({ stack, connections, durationSeconds, load }) {
      const { slug } = await setup(stack);
      return signLoad({
        stack,
        base: stack.base,
        startedAt: await formStamp(stack.base, slug),
        path: `/p/${slug}/sign`,
        table: 'signatures',
        emailPrefix,
        connections,
        durationSeconds,
        load,
      });
    },
  };
}

/** The signed time-to-fill stamp a served page carries (not single-use: one page's stamp serves the whole run). */
async function formStamp(base, slug) {
  const html = await (await fetch(`${base}/p/${slug}`)).text();
  const stamp = /name="startedAt" value="([^"]+)"/.exec(html)?.[1];
  if (!stamp) throw new Error('no startedAt stamp on the petition page');
  // A person takes longer than SIGN_MIN_FILL_SECONDS (2 by default) to fill the form; so does the load.
  await new Promise((r) => setTimeout(r, 2_100));
  return stamp;
}

/** Posts unique signers to `path` on `base` for the run, then counts the rows of `table` with that prefix. */
async function signLoad({ stack, base, path, table, emailPrefix, connections, durationSeconds, load, startedAt }) {
  let n = 0;
  const run = await load({
    url: base,
    connections,
    durationSeconds,
    expectStatus: 202,
    requests: [
      {
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({
          ...req,
          body: JSON.stringify({
            firstName: 'Amina',
            lastName: 'Diallo',
            email: `${emailPrefix}${++n}@example.org`,
            country: 'FR',
            region: 'IDF',
            consent: true,
            publicDisplay: true,
            startedAt,
          }),
        }),
      },
    ],
  });
  // Every signature the load sent is either stored or was refused; rows may exceed acknowledgements only by the
  // requests still in flight when the load stopped (at most one per connection), so a lost acknowledged row shows
  // unless as many unacknowledged ones were stored in its place.
  const [{ stored }] = await stack.query(`SELECT count(*)::int AS stored FROM ${table} WHERE email LIKE $1`, [
    `${emailPrefix}%`,
  ]);
  return {
    ...run,
    acknowledged: run.ok,
    stored,
    allAcknowledgedStored: stored >= run.ok && stored - run.ok <= connections,
  };
}

/**
 * The naive path the sign target is stated against (one INSERT and commit, then one queue add, per request), served
 * by its own process on the same database and Redis, measured in the same run as Rally's sign route.
 */
const naiveSignScenario = {
  name: 'sign-naive',
  async run({ stack, connections, durationSeconds, load }) {
    const { petitionId, slug } = await setup(stack);
    const [{ organization_id: organisationId }] = await stack.query(
      `SELECT organization_id FROM petitions WHERE id = $1`,
      [petitionId],
    );
    await stack.query(
      `CREATE TABLE IF NOT EXISTS naive_signatures (LIKE signatures INCLUDING DEFAULTS INCLUDING INDEXES)`,
    );
    const port = await freePort();
    const server = fork(
      fileURLToPath(new URL('./lib/naive-sign-server.mjs', import.meta.url)),
      [
        String(port),
        stack.databaseUrl,
        stack.env.REDIS_URL,
        `${stack.env.QUEUE_PREFIX}-naive`,
        organisationId,
        petitionId,
      ],
      { stdio: 'ignore' },
    );
    await new Promise((resolve, reject) => {
      server.once('message', resolve);
      server.once('exit', (code) => reject(new Error(`the naive sign server exited (${code}) before it was ready`)));
    });
    try {
      const cpuBefore = cpuSeconds(server.pid);
      const run = await signLoad({
        stack,
        base: `http://127.0.0.1:${port}`,
        path: '/sign',
        table: 'naive_signatures',
        startedAt: await formStamp(stack.base, slug),
        emailPrefix: 'naive',
        connections,
        durationSeconds,
        load,
      });
      return { ...run, serverCpu: Number(((cpuSeconds(server.pid) - cpuBefore) / durationSeconds).toFixed(2)) };
    } finally {
      await new Promise((resolve) =>
        exited(server) ? resolve() : (server.once('exit', resolve), server.kill('SIGTERM')),
      );
    }
  },
};

/**
 * The letter submit route as the page's script posts it (JSON), a new supporter per request: routed by country to
 * both ministries, two letters rendered and stored with the submission and the confirmation mail staged, in one
 * transaction. Afterwards every acknowledged (202) send must be stored with its two letters and its confirmation.
 */
function letterSendScenario(name, emailPrefix, withoutWorker) {
  return {
    name,
    withoutWorker,
    async run({ stack, connections, durationSeconds, load }) {
      const { slug } = await letterSetup(stack);
      // The stamp a page served ten seconds ago carries (LETTER_MIN_FILL_SECONDS is 3): signed with the api's key.
      const startedAt = new FormStamp(stack.env.SECRET_KEY, 'letter-form').issue(Date.now() - 10_000);
      let n = 0;
      const run = await load({
        url: stack.base,
        connections,
        durationSeconds,
        expectStatus: 202,
        requests: [
          {
            method: 'POST',
            path: `/l/${slug}/send`,
            headers: { 'content-type': 'application/json' },
            setupRequest: (req) => ({
              ...req,
              body: JSON.stringify({
                firstName: 'Amina',
                lastName: 'Diallo',
                email: `${emailPrefix}${++n}@example.org`,
                country: 'FR',
                postcode: '75011',
                consent: true,
                startedAt,
              }),
            }),
          },
        ],
      });
      const [{ stored, letters, confirmations }] = await stack.query(
        `SELECT count(*)::int AS stored,
                (SELECT count(*)::int FROM letters WHERE supporter_email_normalized LIKE $1) AS letters,
                (SELECT count(*)::int FROM mail_outbox WHERE recipient LIKE $1) AS confirmations
           FROM letter_submissions WHERE email_normalized LIKE $1`,
        [`${emailPrefix}%`],
      );
      return {
        ...run,
        acknowledged: run.ok,
        stored,
        letters,
        confirmations,
        // As for signatures: rows may exceed acknowledgements only by the requests in flight when the load stopped.
        allAcknowledgedStored:
          stored >= run.ok && stored - run.ok <= connections && letters === 2 * stored && confirmations === stored,
      };
    },
  };
}

export const SCENARIOS = [
  {
    name: 'count-json',
    async run({ stack, connections, durationSeconds, load }) {
      const { slug } = await setup(stack);
      return load({ url: `${stack.base}/p/${slug}/count.json`, connections, durationSeconds });
    },
  },
  {
    name: 'petition-page',
    async run({ stack, connections, durationSeconds, load }) {
      const { slug } = await setup(stack);
      return load({ url: `${stack.base}/p/${slug}`, connections, durationSeconds });
    },
  },
  // The worker on the same two cores sends every confirmation mail while the api signs: the single-box figure.
  signScenario('sign', 'signer', false),
  letterSendScenario('letter-send', 'writer', false),
  // Stops the stack's worker and runs its own, sending to its own SMTP sink (bench/lib/letter-delivery.mjs).
  { ...letterDeliveryScenario, run: (ctx) => letterDeliveryScenario.run({ ...ctx, letterSetup }) },
  // The worker stopped: what the api alone acknowledges, as when workers run on other machines.
  signScenario('sign-api-only', 'solo', true),
  letterSendScenario('letter-send-api-only', 'solowriter', true),
  naiveSignScenario,
];
