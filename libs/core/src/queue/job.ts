/**
 * One kind of job: its name, the queue it runs on, and (through the type parameter) the payload it carries.
 * Feature libraries define their jobs in their own `<lib>.jobs.ts` and list them in their library manifest; the
 * worker refuses to boot while any listed job lacks a handler.
 *
 * Names and queues are persisted in Redis/PostgreSQL: renaming one strands jobs already queued, so add, never
 * rename. Payloads carry ids only, never personal data: handlers re-read the rows they need.
 */
export interface JobRef<P extends object = Record<string, never>> {
  readonly name: string;
  readonly queue: string;
  /** Tries before the queue gives the job up (default DEFAULT_JOB_OPTIONS.attempts). */
  readonly attempts?: number;
  /** Phantom field: carries P so enqueue() only accepts that payload. Never set. */
  readonly _payload?: P;
}

export const defineJob = <P extends object = Record<string, never>>(
  name: string,
  queue: string,
  options: { attempts?: number } = {},
): JobRef<P> => ({
  name,
  queue,
  ...options,
});

/** The payload type of a job. */
export type JobPayloadOf<J> = J extends JobRef<infer P> ? P : never;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list of jobs of any payload
export type AnyJobRef = JobRef<any>;
