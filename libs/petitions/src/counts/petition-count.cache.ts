import type { OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InjectConfig, sqlRows } from '#rally/core';
import type { PetitionsConfig } from '../petitions.config.js';
import { PETITIONS_CONFIG } from '../petitions.config.js';

export interface CachedCount {
  online: number;
  paper: number;
  total: number;
  updatedAt: Date;
}

const ZERO: CachedCount = { online: 0, paper: 0, total: 0, updatedAt: new Date(0) };
/** Rows committed late can carry an earlier updated_at than the last one seen: re-read this much overlap. */
const OVERLAP_MS = 5_000;
/** Every this many refreshes, read every count: a safety net for a write that committed long after its stamp. */
const FULL_RELOAD_EVERY = 60;

/**
 * Every petition's count in api process memory, refreshed about once a second from petition_counts (only rows
 * changed since the last read). Pages and count.json read from here: no COUNT(*) and no query per request.
 */
@Injectable()
export class PetitionCountCache implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('PetitionCountCache');
  private readonly counts = new Map<string, CachedCount>();
  private watermark = new Date(0);
  private timer?: NodeJS.Timeout;
  private refreshing?: Promise<void>;
  private refreshes = 0;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig(PETITIONS_CONFIG) private readonly config: PetitionsConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.config.countCacheMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  get(petitionId: string): CachedCount {
    return this.counts.get(petitionId) ?? ZERO;
  }

  refresh(): Promise<void> {
    // A slow database must not pile up refreshes.
    this.refreshing ??= this.load().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async load(): Promise<void> {
    try {
      // Count rows are stamped with clock_timestamp() after their lock is taken, so the overlap covers stamp-to-commit.
      const full = this.refreshes++ % FULL_RELOAD_EVERY === 0;
      const since = full ? new Date(0) : new Date(this.watermark.getTime() - OVERLAP_MS);
      const rows = await sqlRows<{ petition_id: string; online: number; paper: number; updated_at: Date }>(
        this.db,
        `SELECT petition_id, online, paper, updated_at FROM petition_counts WHERE updated_at > $1`,
        [since],
      );
      for (const r of rows) {
        this.counts.set(r.petition_id, {
          online: r.online,
          paper: r.paper,
          total: r.online + r.paper,
          updatedAt: r.updated_at,
        });
        if (r.updated_at > this.watermark) this.watermark = r.updated_at;
      }
    } catch (error) {
      this.logger.warn({ msg: 'count refresh failed; serving the last known counts', error: (error as Error).message });
    }
  }
}
