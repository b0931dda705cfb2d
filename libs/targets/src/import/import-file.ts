import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import type { Options } from 'csv-parse';
import type { SqlRunner } from '#rally/core';
import { InvalidInputError, sqlRow, sqlRows } from '#rally/core';

/** Pieces of the stored file: api and worker share no disk, and a 1 MiB bytea row is cheap to write and read. */
export const CHUNK_BYTES = 1_048_576;
/** A directory of 50,000 targets with several addresses each is 10-15 MiB; 50 MiB leaves room and bounds storage. */
export const MAX_FILE_BYTES = 50 * CHUNK_BYTES;
/** The header row must fit in the file's first 64 KiB (a thousand long column names would). */
const HEAD_BYTES = 65_536;

export class ImportFileTooLargeError extends Error {}

/** The delimiter of the header line: spreadsheets in French and Spanish write `;`, some exports a tab. */
export function detectDelimiter(head: Buffer): string {
  const text = head.subarray(0, HEAD_BYTES).toString('utf8');
  const counts = new Map([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c)) counts.set(c, (counts.get(c) as number) + 1);
  }
  return [...counts.entries()].reduce((best, cur) => (cur[1] > best[1] ? cur : best))[0];
}

/** csv-parse's settings for a stored file, the same at upload (the header) and in the job (every row). */
export const csvOptions = (delimiter: string): Options => ({
  bom: true,
  delimiter,
  relax_column_count: true,
  // A row's cells and its number: records, not lines (a quoted cell may hold line breaks).
  skip_empty_lines: false,
});

/** The header row's column names, refused when the file has none or repeats one. */
export function readHeader(head: Buffer): { columns: string[]; delimiter: string } {
  const delimiter = detectDelimiter(head);
  let records: string[][];
  try {
    records = parse(head.subarray(0, HEAD_BYTES), { ...csvOptions(delimiter), to: 1 }) as string[][];
  } catch (error) {
    throw new InvalidInputError({ file: [`the header row cannot be read: ${(error as Error).message}`] });
  }
  const columns = (records[0] ?? []).map((c) => c.trim());
  // Spreadsheets save trailing empty columns ("name,email,,"); they name nothing.
  while (columns.length > 0 && columns[columns.length - 1] === '') columns.pop();
  if (columns.length === 0)
    throw new InvalidInputError({ file: ['the file is empty: its first row must name the columns'] });
  const seen = new Set<string>();
  for (const c of columns) {
    if (c !== '' && seen.has(c))
      throw new InvalidInputError({ file: [`the column "${c.slice(0, 100)}" appears twice`] });
    seen.add(c);
  }
  return { columns, delimiter };
}

/**
 * Writes an upload into 1 MiB chunk rows as it arrives (each written before more is read, so a fast client waits
 * for the database and memory holds at most one chunk), checking it is UTF-8 text without NUL bytes.
 */
export async function storeChunks(
  db: SqlRunner,
  importId: string,
  body: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  maxBytes = MAX_FILE_BYTES,
): Promise<{ bytes: number; head: Buffer }> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let bytes = 0;
  let seq = 0;
  let head: Buffer | null = null;
  const write = async (piece: Buffer): Promise<void> => {
    head ??= piece.subarray(0, HEAD_BYTES);
    await db.query(`INSERT INTO target_import_chunks (import_id, seq, data) VALUES ($1, $2, $3)`, [
      importId,
      seq++,
      piece,
    ]);
  };
  for await (const received of body) {
    const piece = typeof received === 'string' ? Buffer.from(received) : received;
    bytes += piece.length;
    if (bytes > maxBytes) throw new ImportFileTooLargeError();
    if (piece.includes(0))
      throw new InvalidInputError({ file: ['the file holds NUL bytes: it is not a CSV text file'] });
    try {
      decoder.decode(piece, { stream: true });
    } catch {
      throw notUtf8();
    }
    pending.push(piece);
    pendingBytes += piece.length;
    while (pendingBytes >= CHUNK_BYTES) {
      const all = Buffer.concat(pending, pendingBytes);
      await write(all.subarray(0, CHUNK_BYTES));
      pending = [all.subarray(CHUNK_BYTES)];
      pendingBytes = all.length - CHUNK_BYTES;
    }
  }
  try {
    decoder.decode();
  } catch {
    throw notUtf8();
  }
  if (pendingBytes > 0) await write(Buffer.concat(pending, pendingBytes));
  return { bytes, head: head ?? Buffer.alloc(0) };
}

const notUtf8 = (): InvalidInputError =>
  new InvalidInputError({ file: ['the file is not UTF-8 text: save it as "CSV UTF-8" and upload it again'] });

/** The stored file again, one chunk read at a time in order (keyset on seq): memory holds one chunk, not the file. */
export function readChunks(db: SqlRunner, importId: string): Readable {
  async function* chunks(): AsyncGenerator<Buffer> {
    for (let after = -1; ;) {
      const chunk = await sqlRow<{ seq: number; data: Buffer }>(
        db,
        `SELECT seq, data FROM target_import_chunks WHERE import_id = $1 AND seq > $2 ORDER BY seq LIMIT 1`,
        [importId, after],
      );
      if (!chunk) return;
      after = chunk.seq;
      yield chunk.data;
    }
  }
  return Readable.from(chunks(), { objectMode: false, highWaterMark: 1 });
}

/** The first bytes of the stored file, for the delimiter. */
export async function headOf(db: SqlRunner, importId: string): Promise<Buffer> {
  const rows = await sqlRows<{ head: Buffer }>(
    db,
    `SELECT substring(data FROM 1 FOR ${HEAD_BYTES}) AS head FROM target_import_chunks WHERE import_id = $1 AND seq = 0`,
    [importId],
  );
  return rows[0]?.head ?? Buffer.alloc(0);
}
