import type { InboundMessageSummary } from './reply-queries';

/** "Name <address>", the address alone, or nothing known (a bounce from a mailer daemon may carry neither). */
export function senderOf(message: Pick<InboundMessageSummary, 'fromName' | 'fromAddress'>): string | null {
  const name = message.fromName?.trim();
  const address = message.fromAddress?.trim();
  if (name && address && name.toLowerCase() !== address.toLowerCase()) return `${name} <${address}>`;
  return address || name || null;
}

/** A file's size as people read it: bytes, then KB and MB with at most one decimal, in the console's language. */
export function fileSize(bytes: number, lang: string): string {
  const units = [
    ['megabyte', 1024 * 1024],
    ['kilobyte', 1024],
  ] as const;
  for (const [unit, size] of units)
    if (bytes >= size)
      return new Intl.NumberFormat(lang, { style: 'unit', unit, maximumFractionDigits: 1 }).format(bytes / size);
  return new Intl.NumberFormat(lang, { style: 'unit', unit: 'byte' }).format(bytes);
}

const base = (org: string, messageId: string): string =>
  `/api/orgs/${encodeURIComponent(org)}/inbound/messages/${encodeURIComponent(messageId)}`;

/** The sanitised HTML part, served under its own strict CSP: the src of the sandboxed frame. */
export const htmlUrl = (org: string, messageId: string): string => `${base(org, messageId)}/html`;

/** An attachment, always served as a download. */
export const attachmentUrl = (org: string, messageId: string, attachmentId: string): string =>
  `${base(org, messageId)}/attachments/${encodeURIComponent(attachmentId)}`;

/**
 * The text a message shows: its answer without the quoted letter, or the whole text once "show quoted" is on and the
 * message has been read in full. Automatic answers and bounces have no quote to strip; their whole text is the answer.
 */
export function shownText(answer: string, whole: string | null | undefined, showQuoted: boolean): string {
  return showQuoted && whole ? whole : answer;
}
