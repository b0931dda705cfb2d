import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobHandler, sqlCount } from '#rally/core';
import { SessionService } from '#rally/access';
import { OrganisationJob } from '../organisations.jobs.js';
import { RateLimiter } from '../auth/rate-limiter.js';

/** Expired sessions, spent reset links and old counters are refused on sight anyway; this keeps the tables small. */
@Injectable()
export class AuthPurgeJob {
  private readonly logger = new Logger('AuthPurge');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: SessionService,
    private readonly limiter: RateLimiter,
  ) {}

  @JobHandler(OrganisationJob.AuthPurge, { everyMs: 3_600_000 })
  async handle(): Promise<{ sessions: number; counters: number; resets: number }> {
    const sessions = await this.sessions.purgeExpired();
    const counters = await this.limiter.purgeExpired();
    const resets = await sqlCount(this.db, `DELETE FROM password_reset WHERE expires_at < now() - interval '1 day'`);
    if (sessions + counters + resets > 0) this.logger.log({ msg: 'auth rows purged', sessions, counters, resets });
    return { sessions, counters, resets };
  }
}
