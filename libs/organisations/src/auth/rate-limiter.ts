import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { sqlCount, sqlRows } from '#rally/core';

export interface RateWindow {
  hits: number;
  retryAfterSeconds: number;
}

/**
 * Fixed-window counters in PostgreSQL: one atomic upsert per hit, so every api process sees the same count
 * (Redis may be absent in the embedded default, Postgres never is). Login traffic is small enough for this.
 */
@Injectable()
export class RateLimiter {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Counts one hit in the key's current window (starting a new window when the last one ended). */
  async hit(key: string, windowSeconds: number): Promise<RateWindow> {
    const rows = await sqlRows<{ hits: number; retry: number }>(
      this.db,
      `INSERT INTO rate_limit_counter (key, hits, window_ends_at) VALUES ($1, 1, now() + make_interval(secs => $2))
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN rate_limit_counter.window_ends_at <= now() THEN 1 ELSE rate_limit_counter.hits + 1 END,
         window_ends_at = CASE WHEN rate_limit_counter.window_ends_at <= now() THEN EXCLUDED.window_ends_at ELSE rate_limit_counter.window_ends_at END
       RETURNING hits, extract(epoch FROM window_ends_at - now())::float AS retry`,
      [key, windowSeconds],
    );
    return { hits: rows[0].hits, retryAfterSeconds: Math.max(1, Math.ceil(rows[0].retry)) };
  }

  /** The key's hits in its current window, without counting one. */
  async peek(key: string): Promise<RateWindow> {
    const rows = await sqlRows<{ hits: number; retry: number }>(
      this.db,
      `SELECT hits, extract(epoch FROM window_ends_at - now())::float AS retry FROM rate_limit_counter WHERE key = $1 AND window_ends_at > now()`,
      [key],
    );
    return rows[0]
      ? { hits: rows[0].hits, retryAfterSeconds: Math.max(1, Math.ceil(rows[0].retry)) }
      : { hits: 0, retryAfterSeconds: 0 };
  }

  async reset(key: string): Promise<void> {
    await this.db.query(`DELETE FROM rate_limit_counter WHERE key = $1`, [key]);
  }

  async purgeExpired(): Promise<number> {
    return sqlCount(this.db, `DELETE FROM rate_limit_counter WHERE window_ends_at <= now()`);
  }
}
