import { Writable } from 'node:stream';

/** A log destination for createHttpApp / JsonLogger that keeps every JSON line written to it, parsed. */
export function captureLogLines(): { lines: Record<string, unknown>[]; destination: Writable } {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write: (chunk: Buffer, _enc, done) => (
      lines.push(
        ...chunk
          .toString()
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as Record<string, unknown>),
      ),
      done()
    ),
  });
  return { lines, destination };
}
