import { createHash } from 'node:crypto';
import type { ParsedMessage } from './mime-parse.js';

const normalise = (s: string | null): string =>
  (s ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .trim();

/**
 * Message-ID plus a SHA-256 of what the sender wrote (From, subject, date, bodies, attachments, report parts), so
 * the same message delivered twice (two MX, a retried webhook, SMTP then IMAP) makes one record: trace headers added
 * on the way (Received, Delivered-To, Return-Path) differ between copies and are left out. Two different messages
 * that reuse a Message-ID keep different keys.
 */
export function dedupeKey(message: ParsedMessage): string {
  const hash = createHash('sha256');
  for (const part of [
    message.from?.address.toLowerCase() ?? '',
    normalise(message.subject),
    message.date?.toISOString() ?? '',
    normalise(message.text),
    normalise(message.html),
  ])
    hash.update(part).update('\0');
  for (const a of message.attachments) hash.update(createHash('sha256').update(a.data).digest()).update('\0');
  for (const p of message.reportParts) hash.update(normalise(p.text)).update('\0');
  return `${(message.messageId ?? '').slice(0, 250)} ${hash.digest('hex')}`;
}
