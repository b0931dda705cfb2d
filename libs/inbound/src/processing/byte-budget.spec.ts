import { ByteBudget } from './byte-budget.js';

describe('ByteBudget', () => {
  it('lets messages through while they fit, then in turn as others finish', async () => {
    const budget = new ByteBudget(30);
    const releaseA = await budget.acquire(10);
    const releaseB = await budget.acquire(15);
    let cGot = false;
    let dGot = false;
    const c = budget.acquire(10).then((release) => ((cGot = true), release));
    const d = budget.acquire(1).then((release) => ((dGot = true), release));
    await Promise.resolve();
    // 10 + 15 + 10 > 30: the third waits, and the small fourth does not overtake it.
    expect([cGot, dGot, budget.used]).toEqual([false, false, 25]);
    releaseA();
    const releaseC = await c;
    const releaseD = await d;
    expect([cGot, dGot, budget.used]).toEqual([true, true, 26]);
    releaseB();
    releaseC();
    releaseD();
    releaseD(); // twice is once
    expect(budget.used).toBe(0);
  });

  it('lets a message larger than the budget through alone', async () => {
    const budget = new ByteBudget(10);
    const release = await budget.acquire(50);
    expect(budget.used).toBe(50);
    let next = false;
    const waiting = budget.acquire(1).then((r) => ((next = true), r));
    await Promise.resolve();
    expect(next).toBe(false);
    release();
    (await waiting)();
    expect(budget.used).toBe(0);
  });
});
