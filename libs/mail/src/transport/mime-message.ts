import { randomUUID } from 'node:crypto';
import { domainToASCII } from 'node:url';
import addressparser from 'nodemailer/lib/addressparser';
import { encodeWord, foldLines } from 'nodemailer/lib/mime-funcs';
import { encode as qpEncode, wrap as qpWrap } from 'nodemailer/lib/qp';
import type { OutgoingMessage } from './mail-transport.js';

/** What a transport hands the relay: the message's bytes, its SMTP envelope and the Message-ID it carries. */
export interface ComposedMessage {
  raw: Buffer;
  envelope: { from: string; to: string[] };
  messageId: string;
}

interface Address {
  name: string;
  address: string;
}

/**
 * The RFC 5322 message for one of Rally's mails: headers, then the text part, or text and HTML as
 * multipart/alternative, each UTF-8 and quoted-printable when it is not plain ASCII in short lines.
 *
 * Why not nodemailer's MailComposer: it took ~290 µs of CPU to build one 10 KB letter (`MimeNode` trees, a stream
 * pipeline and three random boundaries per message, every part scanned to choose its encoding), about as much as
 * everything else a send costs, and delivery is bound by the worker's CPU (docs/benchmarks.md, "Composing the
 * message"). Rally's messages have one shape, so this builds it in one pass (~40 µs) from nodemailer's own encoders
 * (RFC 2047 words, folding, quoted-printable, its address parser); nodemailer still speaks SMTP. The unit spec parses
 * what this writes next to MailComposer's output of the same message and expects the same fields.
 *
 * Quoted-printable, not base64, for non-ASCII text: spam filters score base64-encoded text parts (SpamAssassin's
 * MIME_BASE64_TEXT, for one), and a letter should be readable as sent.
 */
export function composeMessage(message: OutgoingMessage, date: Date): ComposedMessage {
  const from = addresses(message.from)[0];
  if (!from) throw new Error('Mail has no From address');
  const to = addresses(message.to);
  if (to.length === 0) throw new Error('Mail has no To address');
  const replyTo = message.replyTo ? addresses(message.replyTo) : [];

  const custom = Object.entries(message.headers ?? {});
  const givenId = custom.find(([key]) => key.toLowerCase() === 'message-id')?.[1];
  const messageId = givenId ? angled(givenId) : `<${randomUUID()}@${domainOf(from.address)}>`;

  const lines = [header('From', formatAddresses([from]))];
  if (replyTo.length > 0) lines.push(header('Reply-To', formatAddresses(replyTo)));
  lines.push(header('To', formatAddresses(to)), header('Subject', words(message.subject)));
  lines.push(`Message-ID: ${messageId}`, `Date: ${date.toUTCString().replace(/GMT/, '+0000')}`);
  for (const [key, value] of custom) {
    const name = headerName(key);
    if (!name || RESERVED.has(name.toLowerCase())) continue;
    lines.push(header(name, words(value)));
  }
  lines.push('MIME-Version: 1.0');

  let body: string;
  if (message.html) {
    const boundary = `--_rally_${randomUUID()}`;
    lines.push(`Content-Type: multipart/alternative;\r\n boundary="${boundary}"`);
    body =
      `--${boundary}\r\n${textPart('text/plain', message.text)}\r\n` +
      `--${boundary}\r\n${textPart('text/html', message.html)}\r\n` +
      `--${boundary}--\r\n`;
  } else {
    body = textPart('text/plain', message.text);
  }
  const raw = Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}`, 'utf8');
  return {
    raw,
    envelope: { from: message.returnPath ?? from.address, to: to.map((a) => a.address) },
    messageId,
  };
}

/** Written by composeMessage itself; a caller's copy would make two (Message-ID is taken as the message's id). */
const RESERVED = new Set([
  'from',
  'to',
  'cc',
  'bcc',
  'reply-to',
  'subject',
  'message-id',
  'date',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
]);

/** A part's own headers, a blank line, its content; lines end CRLF as SMTP carries them. */
function textPart(type: string, content: string): string {
  const crlf = content.replace(/\r\n|\r|\n/g, '\r\n');
  // 7bit only for ASCII in lines SMTP and every reader keep whole (RFC 5322 asks for at most 78 characters).
  if (!/[^\x00-\x7f]/.test(crlf) && !hasLineLongerThan(crlf, 76)) {
    return `Content-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n${crlf}`;
  }
  const encoded = qpWrap(qpEncode(Buffer.from(crlf, 'utf8')), 76);
  return `Content-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${encoded}`;
}

/** A loop, not /[^\r\n]{77}/: that pattern retries at every character of a long line (~300 µs on a 10 KB letter). */
function hasLineLongerThan(text: string, max: number): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) run = 0;
    else if (++run > max) return true;
  }
  return false;
}

/** One header, folded at 76 characters; a value never carries a line break of its own (no header injection). */
function header(name: string, value: string): string {
  return foldLines(`${name}: ${value}`, 76);
}

/** A header name as RFC 5322 allows it (printable ASCII but colon); anything else drops the header. */
function headerName(key: string): string | null {
  return /^[\x21-\x39\x3b-\x7e]+$/.test(key) ? key : null;
}

/** Unstructured text: one line, and RFC 2047 words when it is not ASCII (Q for mostly Latin text, else B). */
function words(value: string): string {
  const line = String(value)
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, '');
  // The whole value as encoded words, split at 52 characters and spaced so folding can break between them.
  return /[^\x00-\x7f]/.test(line) ? encodeWord(line, wordEncoding(line), 52) : line;
}

/** The shorter RFC 2047 encoding: Q while Latin letters outnumber the other characters, as nodemailer chooses. */
function wordEncoding(value: string): 'Q' | 'B' {
  let latin = 0;
  let other = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
    else if (c >= 0x80 || c < 0x20) other++;
  }
  return other < latin ? 'Q' : 'B';
}

function addresses(value: string): Address[] {
  return addressparser(value, { flatten: true })
    .map((a) => ({ name: a.name ?? '', address: normaliseAddress(a.address ?? '') }))
    .filter((a) => a.address);
}

/** No control characters or angle brackets; an IDN domain as its A-label unless the local part needs SMTPUTF8. */
function normaliseAddress(value: string): string {
  const address = value.replace(/[\x00-\x1f\x7f<>]+/g, ' ').trim();
  const at = address.lastIndexOf('@');
  if (at < 0) return address;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (/[^\x00-\x7f]/.test(local) || !/[^\x00-\x7f]/.test(domain)) return address;
  return `${local}@${domainToASCII(domain) || domain}`;
}

function formatAddresses(list: Address[]): string {
  return list.map((a) => (a.name ? `${displayName(a.name)} <${a.address}>` : a.address)).join(', ');
}

/** A display name as is when it is words, quoted when it holds other ASCII, RFC 2047 when it is not ASCII. */
function displayName(name: string): string {
  const clean = name.replace(/[\x00-\x1f\x7f]+/g, ' ');
  if (/^[\w ]*$/.test(clean)) return clean;
  if (/^[\x20-\x7e]*$/.test(clean)) return `"${clean.replace(/["\\]/g, (c) => `\\${c}`)}"`;
  return encodeWord(clean, wordEncoding(clean), 52);
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1) || 'localhost';
}

function angled(id: string): string {
  const clean = id.replace(/[\x00-\x20\x7f]+/g, '');
  return `${clean.startsWith('<') ? '' : '<'}${clean}${clean.endsWith('>') ? '' : '>'}`;
}
