/** Header blocks are small; a captured message without a blank line in its first 64 KiB has none worth reading. */
const MAX_HEADER_BYTES = 64 * 1024;

/**
 * The header fields of a captured message's raw MIME, lower-case names to their unfolded values (the first of each
 * name). Enough for the local mailbox to see a letter's Reply-To and Message-ID; no decoding of encoded words.
 */
export function capturedHeaders(raw: string): Map<string, string> {
  const end = raw.slice(0, MAX_HEADER_BYTES).search(/\r?\n\r?\n/);
  const block = end < 0 ? '' : raw.slice(0, end);
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon < 1) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}

/** The bare address in a header like `"Name" <reply+x@d>` or `reply+x@d`. */
export function headerAddress(value: string | undefined): string | null {
  if (!value) return null;
  const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(value);
  const bare = angle ? angle[1] : value.trim();
  return /^[^\s@<>"]+@[^\s@<>"]+$/.test(bare) ? bare : null;
}
