import { openPetition } from './lib/petition-setup.mjs';

// Each scenario measures one Rally path against the running stack and returns load() figures plus its own checks.
let petition;
const setup = async (stack) => (petition ??= await openPetition(stack));

/** Durable signing: every request a new supporter; afterwards every acknowledged (202) signature must be in PostgreSQL. */
function signScenario(name, emailPrefix, withoutWorker) {
  return {
    name,
    withoutWorker,
    async run({ stack, connections, durationSeconds, load }) {
      const { slug } = await setup(stack);
      let n = 0;
      const startedAt = String(Date.now() - 60_000);
      const run = await load({
        url: stack.base,
        connections,
        durationSeconds,
        expectStatus: 202,
        requests: [
          {
            method: 'POST',
            path: `/p/${slug}/sign`,
            headers: { 'content-type': 'application/json' },
            setupRequest: (req) => ({
              ...req,
              body: JSON.stringify({ firstName: 'Amina', lastName: 'Diallo', email: `${emailPrefix}${++n}@example.org`, country: 'FR', region: 'IDF', consent: true, publicDisplay: true, startedAt }),
            }),
          },
        ],
      });
      // Rows may exceed acknowledgements only by requests still in flight when the load stopped.
      const [{ stored }] = await stack.query(`SELECT count(*)::int AS stored FROM signatures WHERE email LIKE $1`, [`${emailPrefix}%`]);
      return { ...run, acknowledged: run.ok, stored, allAcknowledgedStored: stored >= run.ok };
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
  // The worker stopped: what the api alone acknowledges, as when workers run on other machines.
  signScenario('sign-api-only', 'solo', true),
];
