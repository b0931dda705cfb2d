import type { OnModuleDestroy } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { InjectConfig, RateLimitedError } from '#rally/core';
import type { PetitionsConfig } from '../petitions.config.js';
import { PETITIONS_CONFIG } from '../petitions.config.js';

interface Window {
  start: number;
  count: number;
}

/** Fixed-window counters in process memory: enough to stop floods and costs no round trip on the hot path. */
export class WindowCounter {
  private readonly windows = new Map<string, Window>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts one hit; returns seconds to wait when over the limit, else 0. */
  hit(key: string, now: number): number {
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count += 1;
    return w.count > this.limit ? (w.start + this.windowMs - now) / 1000 : 0;
  }

  sweep(now: number): void {
    for (const [key, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(key);
  }

  get size(): number {
    return this.windows.size;
  }
}

/**
 * Per IP (burst per minute, sustained per hour) and per petition (per second) limits on signing. Per api process:
 * with N processes behind a balancer the effective limits are N times these, which is what the config documents.
 */
@Injectable()
export class SignRateLimiter implements OnModuleDestroy {
  private readonly ipBurst: WindowCounter;
  private readonly ipSustained: WindowCounter;
  private readonly petition: WindowCounter;
  private readonly sweeper: NodeJS.Timeout;

  constructor(@InjectConfig(PETITIONS_CONFIG) config: PetitionsConfig) {
    const limits = config.rateLimit;
    this.ipBurst = new WindowCounter(limits.ipPerMinute, 60_000);
    this.ipSustained = new WindowCounter(limits.ipPerHour, 3_600_000);
    this.petition = new WindowCounter(limits.petitionPerSecond, 1_000);
    // Expired windows are dropped every minute so memory follows the number of recent callers, not all of them.
    this.sweeper = setInterval(() => {
      const now = Date.now();
      for (const c of [this.ipBurst, this.ipSustained, this.petition]) c.sweep(now);
    }, 60_000);
    this.sweeper.unref();
  }

  /** Throws 429 with Retry-After when the caller or the petition is over a limit. */
  check(ip: string, petitionId: string, now = Date.now()): void {
    const wait = Math.max(this.ipBurst.hit(ip, now), this.ipSustained.hit(ip, now), this.petition.hit(petitionId, now));
    if (wait > 0) throw new RateLimitedError(wait);
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }
}
