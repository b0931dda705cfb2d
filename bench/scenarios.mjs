import { openPetition } from './lib/petition-setup.mjs';

// Each scenario measures one Rally path against the running stack and returns load() figures plus its own checks.
let petition;
const setup = async (stack) => (petition ??= await openPetition(stack));

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
  {
    name: 'sign',
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
              body: JSON.stringify({ firstName: 'Amina', lastName: 'Diallo', email: `signer${++n}@example.org`, country: 'FR', region: 'IDF', consent: true, publicDisplay: true, startedAt }),
            }),
          },
        ],
      });
      // Every acknowledged (202) signature must be in PostgreSQL; rows can exceed acks only by requests cut at the end.
      const [{ stored }] = await stack.query('SELECT count(*)::int AS stored FROM signatures');
      return { ...run, acknowledged: run.ok, stored, allAcknowledgedStored: stored >= run.ok };
    },
  },
];
