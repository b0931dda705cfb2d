import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * TypeORM's own loggers print a failed query with its parameters: supporters' emails and names, confirmation tokens,
 * password hashes. This one logs the SQL text and the error only, as a JSON line like every other log.
 */
export class QueryErrorLogger implements TypeOrmLogger {
  private readonly logger = new Logger('Database');

  logQueryError(error: string | Error, query: string): void {
    const e = typeof error === 'string' ? { message: error } : (error as Error & { code?: string });
    this.logger.error({
      msg: 'query failed',
      query: query.trim().slice(0, 1_000),
      code: 'code' in e ? e.code : undefined,
      error: e.message,
    });
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn({ msg: String(message) });
  }

  logQuery(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
}
