import { WindowCounter } from './window-counter.js';

describe('WindowCounter', () => {
  it('allows the limit, then asks to wait until the window ends', () => {
    const c = new WindowCounter(3, 60_000);
    expect([c.hit('ip', 0), c.hit('ip', 1), c.hit('ip', 2)]).toEqual([0, 0, 0]);
    expect(c.hit('ip', 10_000)).toBe(50);
    expect(c.hit('other', 10_000)).toBe(0);
    expect(c.hit('ip', 60_000)).toBe(0);
  });

  it('forgets expired windows when swept', () => {
    const c = new WindowCounter(1, 1_000);
    c.hit('a', 0);
    c.hit('b', 900);
    c.sweep(1_500);
    expect(c.size).toBe(1);
  });
});
