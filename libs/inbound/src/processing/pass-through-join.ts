import PostalMime from 'postal-mime';

/** What postal-mime's pass-through decoder holds: each body line, then the string '\n' after it. */
type Chunk = Uint8Array | string;

interface DecoderPrototype {
  finalize(this: { chunks?: unknown }): Promise<ArrayBuffer>;
}

const encoder = new TextEncoder();

/** The chunks' bytes in order, in one copy: what `new Blob(chunks).arrayBuffer()` gives (strings as UTF-8). */
export function joinChunks(chunks: readonly Chunk[]): ArrayBuffer {
  let total = 0;
  const parts = chunks.map((c) => (typeof c === 'string' ? (c === '\n' ? NEWLINE : encoder.encode(c)) : c));
  for (const p of parts) total += p.byteLength;
  const joined = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    joined.set(p, at);
    at += p.byteLength;
  }
  return joined.buffer;
}
const NEWLINE = new Uint8Array([0x0a]);

let installed: DecoderPrototype['finalize'] | null = null;

/**
 * Hand-written replacement of one step of postal-mime (pinned at 4.0.0): its pass-through decoder (7bit, 8bit and
 * binary bodies, what most replies are) keeps every body line as a Blob part with a '\n' part after it and reads
 * the Blob back at the end. On Node 20 a Blob of many small parts costs ~5 µs a part (each is read back in its own
 * microtask): bench/inbound.mjs measured postal-mime at ~3.7 ms per 2-50 KB reply, 80-90% of it in that Blob, and
 * the same parse at ~0.3 ms with the lines joined in one copy instead; it was ~40% of the worker's CPU per message.
 * The base64 and quoted-printable decoders are left alone: they gather 100 KB pieces, so their Blobs have few parts.
 *
 * The decoder class is not exported, so it is reached through a parser's root part, as postal-mime itself makes
 * one. Returns false (and changes nothing) when postal-mime no longer has that shape: parsing then stays correct,
 * only slower, and pass-through-join.spec.ts fails so an upgrade does not lose this unnoticed.
 */
export function installPassThroughJoin(): boolean {
  const proto = passThroughPrototype();
  if (!proto) return false;
  if (proto.finalize === installed) return true;
  const original = proto.finalize;
  installed = function finalize(this: { chunks?: unknown }) {
    const chunks = this.chunks;
    // Anything but lines and strings (a later version's own shape): postal-mime's own way.
    if (!Array.isArray(chunks) || !chunks.every((c) => typeof c === 'string' || c instanceof Uint8Array))
      return original.call(this);
    return Promise.resolve(joinChunks(chunks as Chunk[]));
  };
  proto.finalize = installed;
  return true;
}

/** Whether postal-mime's pass-through decoder runs the join now (parseMime installs it when loaded). */
export function passThroughJoinInstalled(): boolean {
  const proto = passThroughPrototype();
  return !!proto && proto.finalize === installed;
}

/** The prototype of the decoder a fresh parser's root part gets for a 7bit body, or null if it is not shaped so. */
function passThroughPrototype(): DecoderPrototype | null {
  const root = (new PostalMime() as unknown as { root?: Record<string, unknown> }).root;
  if (typeof root?.setupContentDecoder !== 'function') return null;
  (root.setupContentDecoder as (encoding: string) => void).call(root, '7bit');
  const decoder = root.contentDecoder as { chunks?: unknown } | null | undefined;
  if (!decoder || !Array.isArray(decoder.chunks)) return null;
  const proto = Object.getPrototypeOf(decoder) as DecoderPrototype;
  return typeof proto.finalize === 'function' ? proto : null;
}
