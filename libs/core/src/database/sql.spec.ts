import { sqlCount, sqlOne, sqlRow, sqlRows } from './sql.js';

const answering = (result: unknown) => ({ query: async () => result });

describe('raw SQL helpers', () => {
  it('read rows from a SELECT or INSERT ... RETURNING answer', async () => {
    const db = answering([{ id: 'a' }, { id: 'b' }]);
    expect(await sqlRows<{ id: string }>(db, 'SELECT id FROM t')).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(await sqlRow<{ id: string }>(db, 'SELECT id FROM t')).toEqual({ id: 'a' });
    expect(await sqlCount(db, 'SELECT id FROM t')).toBe(2);
  });

  it('read rows and the affected count from an UPDATE or DELETE answer', async () => {
    const db = answering([[{ id: 'a' }], 3]);
    expect(await sqlRows(db, 'UPDATE t SET x = 1 RETURNING id')).toEqual([{ id: 'a' }]);
    expect(await sqlCount(db, 'UPDATE t SET x = 1')).toBe(3);
    expect(await sqlRow(answering([[], 0]), 'DELETE FROM t')).toBeUndefined();
  });

  it('insist on the one row an aggregate or upsert returns', async () => {
    expect(await sqlOne(answering([{ n: 1 }]), 'SELECT count(*) AS n FROM t')).toEqual({ n: 1 });
    await expect(sqlOne(answering([]), 'SELECT 1 WHERE false')).rejects.toThrow(/Expected a row/);
  });
});
