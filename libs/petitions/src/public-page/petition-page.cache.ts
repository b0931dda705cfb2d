import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { InjectConfig, TtlCache } from '#rally/core';
import type { PetitionsConfig } from '../petitions.config.js';
import { PETITIONS_CONFIG } from '../petitions.config.js';

/** Stand-ins rendered into the cached page, swapped per request; letters and dashes only, so escaping leaves them intact. */
export const PAGE_SLOTS = {
  startedAt: 'rally-slot-started-at',
  source: 'rally-slot-source',
  referrer: 'rally-slot-referrer',
} as const;
const SLOT_PATTERN = /rally-slot-(started-at|source|referrer)/g;

export interface PageFill {
  /** The signed time-to-fill stamp: digits, a dot and base64url, nothing to escape. */
  startedAt: string;
  source: string;
  referrer: string;
}

/**
 * The blank petition page (no form errors) rendered at most once per count refresh and petition, instead of per view:
 * a viral page is read far more often than its count changes. Only the time-to-fill stamp and the share source
 * differ per visitor; they fill slots in the cached HTML, escaped like Handlebars would.
 */
@Injectable()
export class PetitionPageCache {
  private readonly entries: TtlCache<string, Promise<string>>;

  constructor(@InjectConfig(PETITIONS_CONFIG) config: PetitionsConfig) {
    this.entries = new TtlCache({ max: 10_000, ttlMs: config.countCacheMs });
  }

  async page(petitionId: string, render: () => Promise<string>, fill: PageFill, now = Date.now()): Promise<string> {
    let html = this.entries.get(petitionId, now);
    if (!html) {
      // Concurrent views at expiry share one render.
      html = render();
      this.entries.set(petitionId, html, now);
      html.catch(() => this.entries.delete(petitionId));
    }
    const values: Record<string, string> = {
      'started-at': fill.startedAt,
      source: Handlebars.Utils.escapeExpression(fill.source),
      referrer: Handlebars.Utils.escapeExpression(fill.referrer),
    };
    return (await html).replace(SLOT_PATTERN, (_, slot: string) => values[slot]);
  }
}
