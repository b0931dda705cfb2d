import { Injectable } from '@nestjs/common';
import { TtlCache } from '#rally/core';
import { SigningService } from '../signing/signing.service.js';

type RecentSigners = { firstName: string; region: string | null }[];

const TTL_MS = 5_000;

/** The "recent signers" list of a page, read at most once per few seconds per petition however many views it gets. */
@Injectable()
export class RecentSignersCache {
  private readonly entries = new TtlCache<string, Promise<RecentSigners>>({ max: 10_000, ttlMs: TTL_MS });

  constructor(private readonly signing: SigningService) {}

  get(petitionId: string, now = Date.now()): Promise<RecentSigners> {
    const hit = this.entries.get(petitionId, now);
    if (hit) return hit;
    const value = this.signing.recentPublicSigners(petitionId).catch(() => []);
    this.entries.set(petitionId, value, now);
    return value;
  }
}
