import { TtlCache } from './ttl-cache.js';

/**
 * Public lookups by slug (a petition, a letter action) held in process memory for a couple of seconds, so a busy
 * public page costs no database read per request. Unknown slugs are remembered too, but apart: a scan of random
 * addresses fills only the unknown side and can never push a busy page out. Concurrent lookups of one slug share
 * one load.
 */
export class SlugCache<V extends NonNullable<unknown>> {
  private readonly known: TtlCache<string, Promise<V | null>>;
  private readonly unknown: TtlCache<string, Promise<V | null>>;
  private readonly loading = new Map<string, Promise<V | null>>();
  /** Loads made, for tests and the benchmark's sanity checks. */
  loads = 0;

  constructor(
    private readonly load: (slug: string) => Promise<V | null>,
    options: { max: number; ttlMs: number },
  ) {
    this.known = new TtlCache(options);
    this.unknown = new TtlCache(options);
  }

  get(slug: string, now = Date.now()): Promise<V | null> {
    const hit = this.known.get(slug, now) ?? this.unknown.get(slug, now) ?? this.loading.get(slug);
    if (hit) return hit;
    this.loads += 1;
    const value = this.load(slug);
    this.loading.set(slug, value);
    value.then(
      (found) => {
        this.loading.delete(slug);
        (found ? this.known : this.unknown).set(slug, value, now);
      },
      () => this.loading.delete(slug),
    );
    return value;
  }

  /** After a change in this process, show it at once here (other processes follow within the TTL). */
  forget(slug: string): void {
    this.known.delete(slug);
    this.unknown.delete(slug);
  }
}
