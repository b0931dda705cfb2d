/** A DataSource or an EntityManager (a transaction): whatever runs raw SQL. */
export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * TypeORM answers UPDATE and DELETE with `[rows, affectedCount]` and every other statement with `rows`. These
 * helpers take either shape, so callers name the row type once instead of casting what `query()` returned.
 * The type is the caller's promise about its SELECT list; columns come back as PostgreSQL names them.
 */
function split(result: unknown): { rows: unknown[]; count: number } {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return { rows: result[0] as unknown[], count: result[1] };
  }
  const rows = Array.isArray(result) ? result : [];
  return { rows, count: rows.length };
}

/** Every row a statement returned (SELECT, or INSERT/UPDATE/DELETE ... RETURNING). */
export async function sqlRows<T>(db: SqlRunner, sql: string, parameters: unknown[] = []): Promise<T[]> {
  return split(await db.query(sql, parameters)).rows as T[];
}

/** The first row, or undefined. */
export async function sqlRow<T>(db: SqlRunner, sql: string, parameters: unknown[] = []): Promise<T | undefined> {
  return (await sqlRows<T>(db, sql, parameters))[0];
}

/** The first row of a statement that always returns one (an aggregate, an upsert ... RETURNING); throws otherwise. */
export async function sqlOne<T>(db: SqlRunner, sql: string, parameters: unknown[] = []): Promise<T> {
  const row = await sqlRow<T>(db, sql, parameters);
  if (row === undefined) throw new Error(`Expected a row from: ${sql.trim().slice(0, 80)}`);
  return row;
}

/** Rows affected by an UPDATE or DELETE (or returned by any other statement). */
export async function sqlCount(db: SqlRunner, sql: string, parameters: unknown[] = []): Promise<number> {
  return split(await db.query(sql, parameters)).count;
}

/** A user's search text as a literal LIKE/ILIKE pattern part: `%`, `_` and `\` match only themselves. */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);
