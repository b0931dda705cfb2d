import { SentMarks } from './sent-marks.js';

describe('SentMarks', () => {
  it('writes the first mark at once and groups those arriving while it is written', async () => {
    const writes: string[][] = [];
    let release!: () => void;
    const firstWrite = new Promise<void>((r) => (release = r));
    const marks = new SentMarks(async (group) => {
      writes.push(group.map((m) => m.id));
      if (writes.length === 1) await firstWrite;
    });
    const first = marks.mark({ id: 'a', messageId: '<a>' });
    const rest = ['b', 'c', 'd'].map((id) => marks.mark({ id, messageId: `<${id}>` }));
    expect(writes).toEqual([['a']]);
    release();
    await Promise.all([first, ...rest]);
    expect(writes).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('fails the marks of a group whose write failed, and goes on with the next', async () => {
    let calls = 0;
    const marks = new SentMarks(async () => {
      calls += 1;
      if (calls === 1) throw new Error('database gone');
    });
    await expect(marks.mark({ id: 'a', messageId: '<a>' })).rejects.toThrow('database gone');
    await expect(marks.mark({ id: 'b', messageId: '<b>' })).resolves.toBeUndefined();
  });

  it('under sustained sending starts the next statement no sooner than the gather time after the last', async () => {
    const starts: number[] = [];
    const marks = new SentMarks(async () => {
      starts.push(performance.now());
    }, 40);
    await marks.mark({ id: 'a', messageId: '<a>' });
    await marks.mark({ id: 'b', messageId: '<b>' });
    expect(starts).toHaveLength(2);
    // Timers never fire early: the second statement waited out the rest of the 40 ms.
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(39);
  });
});
