import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line of the job in progress carries in the worker. */
export interface LogContext {
  job?: string;
  jobId?: string;
}

/**
 * The job being handled, kept across awaits by AsyncLocalStorage, so a line written deep in a service still names the
 * job it belongs to. The worker only: on Node 20 AsyncLocalStorage adds a hook to every promise, which measured 9% of
 * the api's sign route throughput (the api logs its request ids per request line instead; docs/benchmarks.md).
 */
export const logContext = new AsyncLocalStorage<LogContext>();
