import { Injectable } from '@nestjs/common';
import type { PetitionsConfig } from '../petitions.config.js';
import { PETITIONS_CONFIG } from '../petitions.config.js';
import { InjectConfig } from '#rally/core';
import Handlebars from 'handlebars';

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

interface Entry {
  html: Promise<string>;
  expiresAt: number;
}

/**
 * The blank petition page (no form errors) rendered at most once per count refresh and petition, instead of per view:
 * a viral page is read far more often than its count changes. Only the time-to-fill stamp and the share source
 * differ per visitor; they fill slots in the cached HTML, escaped like Handlebars would.
 */
@Injectable()
export class PetitionPageCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;

  constructor(@InjectConfig(PETITIONS_CONFIG) config: PetitionsConfig) {
    this.ttlMs = config.countCacheMs;
  }

  async page(petitionId: string, render: () => Promise<string>, fill: PageFill, now = Date.now()): Promise<string> {
    let entry = this.entries.get(petitionId);
    if (!entry || entry.expiresAt <= now) {
      // Concurrent views at expiry share one render.
      entry = { html: render(), expiresAt: now + this.ttlMs };
      this.entries.set(petitionId, entry);
      entry.html.catch(() => this.entries.delete(petitionId));
    }
    const values: Record<string, string> = {
      'started-at': fill.startedAt,
      source: Handlebars.Utils.escapeExpression(fill.source),
      referrer: Handlebars.Utils.escapeExpression(fill.referrer),
    };
    return (await entry.html).replace(SLOT_PATTERN, (_, slot: string) => values[slot]);
  }
}
