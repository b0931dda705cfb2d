import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InjectConfig, sqlCount } from '#rally/core';
import type { AccessConfig } from '../access.config.js';
import { ACCESS_CONFIG } from '../access.config.js';
import { StaffSession } from '../entities/staff-session.entity.js';
import { csrfTokenFor, hashSecret, newSecret } from '../secret-token.js';

export interface IssuedSession {
  sessionId: string;
  secret: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface ActiveSession {
  sessionId: string;
  userId: string;
  csrfToken: string;
}

// Refreshing last_seen_at on every request would make each staff read a write; a minute of slack is enough.
const TOUCH_AFTER_MS = 60_000;

/** Staff sessions: issue, resolve (idle + absolute timeouts), end. */
@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig(ACCESS_CONFIG) private readonly config: AccessConfig,
  ) {}

  async issue(userId: string, ip: string | null): Promise<IssuedSession> {
    const secret = newSecret('rs');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.config.sessionAbsoluteHours * 3_600_000);
    const row = await this.db
      .getRepository(StaffSession)
      .save({ userId, tokenHash: hashSecret(secret), lastSeenAt: now, expiresAt, ip });
    return { sessionId: row.id, secret, csrfToken: csrfTokenFor(secret), expiresAt };
  }

  /** The live session a cookie secret opens, or null; an expired one is deleted on sight. */
  async resolve(secret: string): Promise<ActiveSession | null> {
    const repo = this.db.getRepository(StaffSession);
    const session = await repo.findOneBy({ tokenHash: hashSecret(secret) });
    if (!session) return null;
    const now = Date.now();
    const idleLimit = session.lastSeenAt.getTime() + this.config.sessionIdleMinutes * 60_000;
    if (now >= session.expiresAt.getTime() || now >= idleLimit) {
      await repo.delete({ id: session.id });
      return null;
    }
    if (now - session.lastSeenAt.getTime() > TOUCH_AFTER_MS)
      await repo.update({ id: session.id }, { lastSeenAt: new Date(now) });
    return { sessionId: session.id, userId: session.userId, csrfToken: csrfTokenFor(secret) };
  }

  async end(sessionId: string): Promise<void> {
    await this.db.getRepository(StaffSession).delete({ id: sessionId });
  }

  /** Ends every session of a user (password change or reset), except optionally the one making the change. */
  async endAllForUser(userId: string, exceptSessionId?: string): Promise<void> {
    const query = this.db.createQueryBuilder().delete().from(StaffSession).where('user_id = :userId', { userId });
    if (exceptSessionId) query.andWhere('id <> :exceptSessionId', { exceptSessionId });
    await query.execute();
  }

  async purgeExpired(): Promise<number> {
    return sqlCount(
      this.db,
      `DELETE FROM staff_session WHERE expires_at <= now() OR last_seen_at <= now() - make_interval(mins => $1)`,
      [this.config.sessionIdleMinutes],
    );
  }
}
