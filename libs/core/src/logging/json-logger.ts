import type { LoggerService } from '@nestjs/common';
import type { DestinationStream, Logger as Pino } from 'pino';
import { pino } from 'pino';
import { logContext } from './request-context.js';

const NO_CONTEXT = {};

// Logs never carry personal data, but error texts do (an SMTP 550 names the recipient): mask addresses in strings.
const EMAIL = /[^\s<>()[\]\\,;:"'@]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
const mask = (value: unknown): unknown =>
  typeof value === 'string' && value.includes('@') ? value.replace(EMAIL, '[email]') : value;

/** Nest's logger as one JSON line per entry (pino), the same stream Fastify's request logs use. */
export class JsonLogger implements LoggerService {
  constructor(readonly pino: Pino) {}

  /** `destination`: where lines go (stdout by default; tests pass a stream to read them). */
  static create(level: string, service: string, destination?: DestinationStream): JsonLogger {
    // The mixin runs only for lines actually written: the request id (or job) of the work in progress, from
    // AsyncLocalStorage. pino's default merge assigns the line's fields INTO the mixin's object, which here is shared
    // (the store, or NO_CONTEXT): every later line then carried earlier lines' fields. The merge below builds a new
    // object per written line instead, leaving the context untouched.
    return new JsonLogger(
      pino(
        {
          level,
          base: { service },
          timestamp: pino.stdTimeFunctions.isoTime,
          mixin: () => logContext.getStore() ?? NO_CONTEXT,
          mixinMergeStrategy: (line, context) => ({ ...context, ...line }),
        },
        destination ?? pino.destination(1),
      ),
    );
  }

  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    params: unknown[],
  ): void {
    const context = typeof params[params.length - 1] === 'string' ? (params[params.length - 1] as string) : undefined;
    if (message && typeof message === 'object')
      this.pino[level]({ context, ...Object.fromEntries(Object.entries(message).map(([k, v]) => [k, mask(v)])) });
    else this.pino[level]({ context }, mask(String(message)) as string);
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }
}
