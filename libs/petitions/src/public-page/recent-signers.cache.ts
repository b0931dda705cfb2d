import { Injectable } from '@nestjs/common';
import { SigningService } from '../signing/signing.service.js';

const TTL_MS = 5_000;

/** The "recent signers" list of a page, read at most once per few seconds per petition however many views it gets. */
@Injectable()
export class RecentSignersCache {
  private readonly entries = new Map<
    string,
    { at: number; value: Promise<{ firstName: string; region: string | null }[]> }
  >();

  constructor(private readonly signing: SigningService) {}

  get(petitionId: string, now = Date.now()): Promise<{ firstName: string; region: string | null }[]> {
    const hit = this.entries.get(petitionId);
    if (hit && now - hit.at < TTL_MS) return hit.value;
    const value = this.signing.recentPublicSigners(petitionId).catch(() => []);
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(petitionId, { at: now, value });
    return value;
  }
}
