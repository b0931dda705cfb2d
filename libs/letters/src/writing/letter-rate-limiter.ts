import type { OnModuleDestroy } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { InjectConfig, RateLimitedError, WindowCounter } from '#rally/core';
import type { LettersConfig } from '../letters.config.js';
import { LETTERS_CONFIG } from '../letters.config.js';

/**
 * Per IP (burst per minute, sustained per hour) and per action (per second) limits on sending letters, in process
 * memory like the petitions' (N api processes allow N times these). Stricter than signing by default: each send
 * writes to ministries.
 */
@Injectable()
export class LetterRateLimiter implements OnModuleDestroy {
  private readonly ipBurst: WindowCounter;
  private readonly ipSustained: WindowCounter;
  private readonly action: WindowCounter;
  /** Previews store nothing but route and render: five per allowed send, for supporters who reread and edit. */
  private readonly previews: WindowCounter;
  private readonly sweeper: NodeJS.Timeout;

  constructor(@InjectConfig(LETTERS_CONFIG) config: LettersConfig) {
    this.ipBurst = new WindowCounter(config.rateLimit.ipPerMinute, 60_000);
    this.ipSustained = new WindowCounter(config.rateLimit.ipPerHour, 3_600_000);
    this.action = new WindowCounter(config.rateLimit.actionPerSecond, 1_000);
    this.previews = new WindowCounter(config.rateLimit.ipPerMinute * 5, 60_000);
    this.sweeper = setInterval(() => {
      const now = Date.now();
      for (const c of [this.ipBurst, this.ipSustained, this.action, this.previews]) c.sweep(now);
    }, 60_000);
    this.sweeper.unref();
  }

  check(ip: string, actionId: string, now = Date.now()): void {
    const wait = Math.max(this.ipBurst.hit(ip, now), this.ipSustained.hit(ip, now), this.action.hit(actionId, now));
    if (wait > 0) throw new RateLimitedError(wait);
  }

  checkPreview(ip: string, now = Date.now()): void {
    const wait = this.previews.hit(ip, now);
    if (wait > 0) throw new RateLimitedError(wait);
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }
}
