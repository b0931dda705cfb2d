import type { OnModuleDestroy } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { InjectConfig, RateLimitedError, WindowCounter } from '#rally/core';
import type { PetitionsConfig } from '../petitions.config.js';
import { PETITIONS_CONFIG } from '../petitions.config.js';

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
