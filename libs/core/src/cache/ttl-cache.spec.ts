import { TtlCache } from './ttl-cache.js';

describe('TtlCache', () => {
  it('answers fresh entries and drops stale ones, on the clock it is given', () => {
    const cache = new TtlCache<string, number>({ max: 10, ttlMs: 1_000 });
    cache.set('a', 1, 0);
    expect(cache.get('a', 999)).toBe(1);
    expect(cache.get('a', 1_000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('stays within its bound and keeps the entries that are read while others pass through', () => {
    const cache = new TtlCache<string, number>({ max: 100, ttlMs: 60_000 });
    cache.set('hot', 1, 0);
    for (let i = 0; i < 10_000; i++) {
      cache.set(`cold-${i}`, i, 0);
      if (i % 50 === 0) expect(cache.get('hot', 0)).toBe(1);
    }
    expect(cache.size).toBe(100);
    expect(cache.get('hot', 0)).toBe(1);
    expect(cache.get('cold-0', 0)).toBeUndefined();
  });
});
