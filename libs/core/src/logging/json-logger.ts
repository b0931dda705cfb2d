import type { LoggerService } from '@nestjs/common';
import type { Logger as Pino } from 'pino';
import { pino } from 'pino';

// Logs never carry personal data, but error texts do (an SMTP 550 names the recipient): mask addresses in strings.
const EMAIL = /[^\s<>()[\]\\,;:"'@]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
const mask = (value: unknown): unknown =>
  typeof value === 'string' && value.includes('@') ? value.replace(EMAIL, '[email]') : value;

/** Nest's logger as one JSON line per entry (pino), the same stream Fastify's request logs use. */
export class JsonLogger implements LoggerService {
  constructor(readonly pino: Pino) {}

  static create(level: string, service: string): JsonLogger {
    return new JsonLogger(pino({ level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime }));
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
