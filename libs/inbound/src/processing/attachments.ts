import { extname } from 'node:path';
import type { ParsedAttachment } from './mime-parse.js';

/**
 * 20 files of 10 MB each: more than a ministry's answer carries (a signed PDF, an annex), and the whole message is
 * already within INBOUND_MAX_BYTES. What is over the caps is not stored (the raw message still holds it).
 */
export const ATTACHMENT_LIMITS = { maxFiles: 20, maxBytes: 10 * 1024 * 1024, maxNameChars: 150 };

const EXTENSIONS: Record<string, string> = {
  'application/pdf': '.pdf',
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'text/plain': '.txt',
  'text/calendar': '.ics',
  'message/rfc822': '.eml',
  'application/zip': '.zip',
  'application/msword': '.doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
};

/** Control characters, bidirectional overrides and isolates (a "gpj.exe" shown as "exe.jpg"), zero-width marks. */
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;

/**
 * A file name safe to offer as a download: no directory (a `../../x` or `C:\x` keeps only `x`), no `..`, no control
 * or bidirectional characters, none of the characters file systems refuse, no leading dot, at most 150 characters
 * with its extension kept; a name left empty becomes `attachment-N` with the type's extension.
 */
export function cleanFileName(name: string | null, contentType: string, index: number): string {
  let clean = (name ?? '').normalize('NFC').replace(INVISIBLE, '');
  clean = clean.split(/[/\\]/).pop() ?? '';
  clean = clean
    .replace(/\.{2,}/g, '.')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/^[\s.]+|[\s.]+$/g, '')
    .replace(/\s+/g, ' ');
  if (WINDOWS_RESERVED.test(clean)) clean = `_${clean}`;
  if (!clean) return `attachment-${index + 1}${EXTENSIONS[contentType] ?? '.bin'}`;
  if ([...clean].length > ATTACHMENT_LIMITS.maxNameChars) {
    const ext = extname(clean).slice(0, 16);
    clean = [...clean].slice(0, ATTACHMENT_LIMITS.maxNameChars - ext.length).join('') + ext;
  }
  return clean;
}

/** A MIME type as stored: `type/subtype` in lower case, anything else `application/octet-stream`. */
export function cleanContentType(type: string): string {
  const t = type.trim().toLowerCase();
  return /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/.test(t) ? t : 'application/octet-stream';
}

export interface KeptAttachment {
  fileName: string;
  contentType: string;
  contentId: string | null;
  data: Buffer;
}

/** The attachments kept, within ATTACHMENT_LIMITS, and how many were left out. Archives are stored as they came. */
export function keepAttachments(parts: readonly ParsedAttachment[]): { kept: KeptAttachment[]; dropped: number } {
  const kept: KeptAttachment[] = [];
  let dropped = 0;
  for (const part of parts) {
    if (kept.length >= ATTACHMENT_LIMITS.maxFiles || part.data.length > ATTACHMENT_LIMITS.maxBytes) {
      dropped += 1;
      continue;
    }
    const contentType = cleanContentType(part.contentType);
    kept.push({
      fileName: cleanFileName(part.fileName, contentType, kept.length),
      contentType,
      contentId: part.contentId ? part.contentId.replace(INVISIBLE, '').slice(0, 250) : null,
      data: part.data,
    });
  }
  return { kept, dropped };
}
