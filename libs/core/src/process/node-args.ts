/**
 * Node's own options for each Rally process, wherever it is started: `npm start` (apps/cli), docker/compose.yml (its
 * spec checks the file says the same) and the benchmarks, so what is measured is what runs.
 *
 * The worker's old space is capped at 1 GiB. Nothing accumulates in it (after a full collection its heap is ~65 MiB
 * whether a mailing had 10,000 or 100,000 recipients), but under V8's default limit (4 GiB on a machine this size)
 * the heap may grow to four times what is live before the next full collection, so the worker's peak was 300–480 MiB
 * depending on where that collection fell, and grew with a run's length. With 1 GiB V8 collects at ~1.6 times what is
 * live: peaks of 233 / 243 MiB at 10,000 / 100,000 recipients, for ~10% more worker CPU (docs/benchmarks.md,
 * "Mailings"). The largest job measured, inbound processing of 10 MB messages, used at most 172 MiB of heap.
 */
export const PROCESS_NODE_ARGS = {
  api: [],
  worker: ['--max-old-space-size=1024'],
  inbound: [],
} as const satisfies Record<string, readonly string[]>;
