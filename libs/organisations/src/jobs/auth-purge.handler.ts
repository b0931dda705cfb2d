import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobHandler, JobName } from '#rally/core';
import { RateLimiter } from '../auth/rate-limiter.js';
import { SessionService } from '../auth/session.service.js';

/** Expired sessions, spent reset links and old counters are refused on sight anyway; this keeps the tables small. */
@Injectable()
export class AuthPurgeHandler {
  private readonly logger = new Logger('AuthPurge');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: SessionService,
    private readonly limiter: RateLimiter,
  ) {}

  @JobHandler(JobName.AuthPurge, { everyMs: 3_600_000 })
  async handle(): Promise<{ sessions: number; counters: number; resets: number }> {
    const sessions = await this.sessions.purgeExpired();
    const counters = await this.limiter.purgeExpired();
    const [, resets] = (await this.db.query(
      `DELETE FROM password_reset WHERE expires_at < now() - interval '1 day'`,
    )) as [unknown, number];
    if (sessions + counters + resets > 0) this.logger.log({ msg: 'auth rows purged', sessions, counters, resets });
    return { sessions, counters, resets };
  }
}
