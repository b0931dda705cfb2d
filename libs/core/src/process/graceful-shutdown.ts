import type { Logger } from '@nestjs/common';

/**
 * SIGTERM/SIGINT: run the closers in order (stop accepting, finish work in flight, release connections), then exit 0.
 * A second signal, or a hung closer past the deadline, exits at once with 1.
 */
export function onShutdownSignal(
  logger: Pick<Logger, 'log' | 'error'>,
  closers: (() => Promise<unknown>)[],
  deadlineMs = 30_000,
): void {
  let shuttingDown = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (shuttingDown) process.exit(1);
    shuttingDown = true;
    logger.log({ msg: 'shutting down', signal });
    setTimeout(() => {
      logger.error({ msg: 'shutdown deadline passed, exiting' });
      process.exit(1);
    }, deadlineMs).unref();
    void (async () => {
      for (const close of closers) await close();
      process.exit(0);
    })().catch((error: Error) => {
      logger.error({ msg: 'shutdown failed', error: error.message });
      process.exit(1);
    });
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}
