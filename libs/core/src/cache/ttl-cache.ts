import { LRUCache } from 'lru-cache';

/**
 * A bounded in-memory cache whose entries expire after `ttlMs`. When full, the least recently read entry goes first
 * (lru-cache), so entries read all the time stay however many others pass through. Time is passed in (`now`), so
 * tests move a clock instead of sleeping.
 */
export class TtlCache<K extends NonNullable<unknown>, V extends NonNullable<unknown>> {
  private readonly lru: LRUCache<K, { at: number; value: V }>;

  constructor(private readonly options: { max: number; ttlMs: number }) {
    this.lru = new LRUCache({ max: options.max });
  }

  /** The value if it is fresh; a stale one is dropped. */
  get(key: K, now = Date.now()): V | undefined {
    const entry = this.lru.get(key);
    if (!entry) return undefined;
    if (now - entry.at < this.options.ttlMs) return entry.value;
    this.lru.delete(key);
    return undefined;
  }

  set(key: K, value: V, now = Date.now()): void {
    this.lru.set(key, { at: now, value });
  }

  delete(key: K): void {
    this.lru.delete(key);
  }

  get size(): number {
    return this.lru.size;
  }
}
