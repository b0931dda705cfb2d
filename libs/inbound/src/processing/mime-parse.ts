import type { Address, Email } from 'postal-mime';
import PostalMime, { decodeWords } from 'postal-mime';
import { installPassThroughJoin } from './pass-through-join.js';

// Plain-text bodies joined in one copy instead of through a Blob of every line: see pass-through-join.ts.
installPassThroughJoin();

/**
 * Limits on what one message may make the parser do. Real replies nest 3-5 levels (mixed > alternative > related);
 * 20 leaves room for forwarded chains and stops a crafted message from recursing. Real header blocks are a few KB
 * with at most ~100 fields (long Received chains); past 256 KB or 1,000 fields a message is hostile or broken.
 */
export const MIME_LIMITS = {
  maxNestingDepth: 20,
  maxHeadersSize: 256 * 1024,
  maxHeaderFields: 1_000,
  /** A forwarded message inside a forwarded message is kept as an attachment, never parsed further. */
  maxRfc822NestingDepth: 0,
};

/** The parts of a delivery report that describe, rather than carry, the failure: never stored as attachments. */
const REPORT_PART_TYPES = new Set([
  'message/delivery-status',
  'message/global-delivery-status',
  'text/rfc822-headers',
  'message/global-headers',
  'message/rfc822',
  'message/global',
]);

export interface MimeHeader {
  /** Lower case. */
  key: string;
  value: string;
}

export interface ParsedAttachment {
  fileName: string | null;
  contentType: string;
  disposition: string | null;
  /** Without angle brackets. */
  contentId: string | null;
  data: Buffer;
}

export interface ReportPart {
  contentType: string;
  text: string;
}

export interface ParsedMessage {
  /** Top-level header fields in message order (the newest trace fields first), values unfolded. */
  headers: MimeHeader[];
  from: { address: string; name: string } | null;
  to: string[];
  cc: string[];
  subject: string | null;
  messageId: string | null;
  inReplyTo: string | null;
  references: string | null;
  date: Date | null;
  /** Lower case, without parameters: `multipart/report`... */
  contentType: string;
  /** The report-type parameter of a multipart/report (delivery-status for a DSN). */
  reportType: string | null;
  text: string | null;
  html: string | null;
  attachments: ParsedAttachment[];
  /** A delivery report's machine-readable parts (only for multipart/report). */
  reportParts: ReportPart[];
}

/** A message the parser refused or could not read: it is kept, marked failed, for a person to look at. */
export class MimeParseError extends Error {}

/** NUL bytes end C strings in other tools and PostgreSQL text refuses them: removed from everything kept. */
export const withoutNul = (s: string): string => (s.includes('\0') ? s.replace(/\0/g, '') : s);

const mailboxes = (list: Address[] | undefined): string[] =>
  (list ?? []).flatMap((a) => (a.group ? a.group.map((m) => m.address) : [a.address])).filter((a) => !!a);

const bytesOf = (content: ArrayBuffer | Uint8Array | string): Buffer =>
  typeof content === 'string'
    ? Buffer.from(content, 'utf8')
    : content instanceof Uint8Array
      ? Buffer.from(content.buffer, content.byteOffset, content.byteLength)
      : Buffer.from(content);

const textOf = (content: ArrayBuffer | Uint8Array | string): string =>
  typeof content === 'string' ? content : bytesOf(content).toString('utf8');

function headerParams(value: string): { type: string; params: Map<string, string> } {
  const [type = '', ...rest] = value.split(';');
  const params = new Map<string, string>();
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq > 0)
      params.set(
        p.slice(0, eq).trim().toLowerCase(),
        p
          .slice(eq + 1)
          .trim()
          .replace(/^"(.*)"$/, '$1'),
      );
  }
  return { type: type.trim().toLowerCase(), params };
}

/** Reads a raw message (a stream of its stored chunks, or bytes) into what processing needs, within MIME_LIMITS. */
export async function parseMime(raw: ReadableStream<Uint8Array> | Uint8Array | string): Promise<ParsedMessage> {
  let email: Email;
  try {
    email = await PostalMime.parse(raw, {
      forceRfc822Attachments: true,
      attachmentEncoding: 'arraybuffer',
      maxNestingDepth: MIME_LIMITS.maxNestingDepth,
      maxHeadersSize: MIME_LIMITS.maxHeadersSize,
      maxRfc822NestingDepth: MIME_LIMITS.maxRfc822NestingDepth,
    });
  } catch (error) {
    throw new MimeParseError(`unreadable MIME: ${(error as Error).message}`);
  }
  if (email.headers.length > MIME_LIMITS.maxHeaderFields)
    throw new MimeParseError(`more than ${MIME_LIMITS.maxHeaderFields} header fields`);
  const headers = email.headers
    .map((h) => ({ key: withoutNul(h.key).trim(), value: withoutNul(h.value).trim() }))
    .filter((h) => /^[\x21-\x39\x3b-\x7e]+$/.test(h.key));
  // A message with no header field at all is not mail (a stray upload, a truncated spool file).
  if (!headers.some((h) => ['from', 'to', 'subject', 'message-id', 'content-type', 'date'].includes(h.key)))
    throw new MimeParseError('no message header fields');
  const contentType = headerParams(headers.find((h) => h.key === 'content-type')?.value ?? 'text/plain');
  const isReport = contentType.type === 'multipart/report';
  const attachments: ParsedAttachment[] = [];
  const reportParts: ReportPart[] = [];
  for (const a of email.attachments) {
    const type = (a.mimeType || 'application/octet-stream').toLowerCase();
    if (isReport && REPORT_PART_TYPES.has(type)) {
      reportParts.push({ contentType: type, text: withoutNul(textOf(a.content)) });
      continue;
    }
    attachments.push({
      fileName: a.filename ? withoutNul(a.filename) : null,
      contentType: type,
      disposition: a.disposition,
      contentId: a.contentId ? withoutNul(a.contentId).replace(/^<|>$/g, '') : null,
      data: bytesOf(a.content),
    });
  }
  const from = email.from && !email.from.group ? email.from : (email.from?.group?.[0] ?? null);
  const date = email.date ? new Date(email.date) : null;
  const subject = email.subject !== undefined ? withoutNul(decodeWords(email.subject)) : null;
  return {
    headers,
    from: from?.address ? { address: withoutNul(from.address), name: withoutNul(from.name ?? '') } : null,
    to: mailboxes(email.to).map(withoutNul),
    cc: mailboxes(email.cc).map(withoutNul),
    subject,
    messageId: email.messageId ? withoutNul(email.messageId).trim() : null,
    inReplyTo: email.inReplyTo ? withoutNul(email.inReplyTo) : null,
    references: email.references ? withoutNul(email.references) : null,
    date: date && !Number.isNaN(date.getTime()) ? date : null,
    contentType: contentType.type,
    reportType: isReport ? (contentType.params.get('report-type')?.toLowerCase() ?? null) : null,
    text: email.text !== undefined ? withoutNul(email.text) : null,
    html: email.html !== undefined ? withoutNul(email.html) : null,
    attachments,
    reportParts,
  };
}

/** The first value of a header field (the newest, for trace fields), or undefined. */
export const headerValue = (message: { headers: MimeHeader[] }, key: string): string | undefined =>
  message.headers.find((h) => h.key === key)?.value;

export const headerValues = (message: { headers: MimeHeader[] }, key: string): string[] =>
  message.headers.filter((h) => h.key === key).map((h) => h.value);

/** The header block of a returned message (message/rfc822 or text/rfc822-headers), unfolded, lower-case keys. */
export function headerBlock(text: string): MimeHeader[] {
  const end = text.search(/\r?\n\r?\n/);
  const block = (end >= 0 ? text.slice(0, end) : text).replace(/\r?\n[ \t]+/g, ' ');
  return block.split(/\r?\n/).flatMap((line) => {
    const colon = line.indexOf(':');
    if (colon <= 0) return [];
    return [{ key: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1).trim() }];
  });
}
