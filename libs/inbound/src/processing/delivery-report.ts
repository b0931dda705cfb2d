import type { BounceClass } from '../entities/inbound-message.entity.js';

/** One recipient of a delivery report (RFC 3464 §2.3), or of a bounce read from text. */
export interface RecipientReport {
  /** Lower case. */
  recipient: string | null;
  /** failed, delayed, delivered, relayed, expanded (lower case). */
  action: string;
  /** RFC 3463 enhanced status code: 5.1.1, 4.2.2... */
  status: string | null;
  diagnostic: string | null;
  bounceClass: BounceClass;
}

const STATUS = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;

/** The address of an RFC 3464 address field: "rfc822; Minister@Example.gov" -> minister@example.gov. */
function addressOf(value: string | undefined): string | null {
  if (!value) return null;
  const semi = value.indexOf(';');
  const address = (semi >= 0 ? value.slice(semi + 1) : value).trim().replace(/^<|>$/g, '').toLowerCase();
  return address.includes('@') ? address : null;
}

/**
 * 5.1.x: the mailbox or domain does not exist (hard). 4.x.x: temporary; 5.2.2: mailbox full, which its owner empties
 * (soft). 5.7.x: refused by policy or reputation, the address itself is fine. Other permanent codes (5.2.1 disabled,
 * 5.4.x routing) hard; the rest (5.0.0, 5.3.x, 5.5.x, 5.6.x say little about the address) soft, so one odd relay
 * never disables an address. A report whose status is 5.0.0 often gives the real code in its diagnostic.
 */
export function bounceClassOf(action: string, status: string | null, diagnostic: string | null): BounceClass {
  if (action === 'delayed') return 'delayed';
  let code = status ? STATUS.exec(status) : null;
  const fromDiagnostic = diagnostic ? STATUS.exec(diagnostic) : null;
  if ((!code || code[0] === '5.0.0') && fromDiagnostic) code = fromDiagnostic;
  if (!code) {
    if (/\b5\d\d\b/.test(diagnostic ?? '')) return bounceClassFromText(diagnostic ?? '') ?? 'hard';
    return bounceClassFromText(diagnostic ?? '') ?? 'unknown';
  }
  const [, klass, subject, detail] = code;
  if (klass === '4') return 'soft';
  if (klass !== '5') return 'unknown';
  if (subject === '1') return 'hard';
  if (subject === '7') return 'policy';
  if (subject === '2') return detail === '2' ? 'soft' : detail === '1' ? 'hard' : 'soft';
  if (subject === '4') return 'hard';
  return bounceClassFromText(diagnostic ?? '') ?? 'soft';
}

/** What a relay's words say, when its codes do not. */
export function bounceClassFromText(text: string): BounceClass | null {
  if (
    /(quota|mailbox (is )?full|over ?quota|insufficient (storage|space)|boîte (aux lettres )?pleine|postfach voll)/i.test(
      text,
    )
  )
    return 'soft';
  if (
    /(spam|blocked|block ?list|black ?list|policy|reputation|rejected for policy|dmarc|not authori[sz]ed)/i.test(text)
  )
    return 'policy';
  if (
    /(user unknown|unknown user|no such (user|mailbox|recipient)|does not exist|mailbox (unavailable|not found)|recipient (address )?rejected|address rejected|invalid recipient|unrouteable|host not found|utilisateur inconnu|unbekannt)/i.test(
      text,
    )
  )
    return 'hard';
  return null;
}

/** Groups of `Field: value` lines separated by blank lines, continuation lines unfolded, keys in lower case. */
function fieldGroups(text: string): Map<string, string>[] {
  const groups: Map<string, string>[] = [];
  let current = new Map<string, string>();
  let lastKey: string | null = null;
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.trim() === '') {
      if (current.size > 0) groups.push(current);
      current = new Map();
      lastKey = null;
    } else if (/^[ \t]/.test(line) && lastKey) {
      current.set(lastKey, `${current.get(lastKey)} ${line.trim()}`);
    } else {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      lastKey = line.slice(0, colon).trim().toLowerCase();
      if (!current.has(lastKey)) current.set(lastKey, line.slice(colon + 1).trim());
    }
  }
  if (current.size > 0) groups.push(current);
  return groups;
}

/**
 * The per-recipient fields of a message/delivery-status part: the first group describes the message (Reporting-MTA),
 * each following one a recipient. Recipients that were delivered, relayed or expanded are not bounces and are left
 * out; a report may list many recipients (at most 100 are read).
 */
export function parseDeliveryStatus(text: string): RecipientReport[] {
  const groups = fieldGroups(text);
  const recipients = groups.filter((g) => g.has('final-recipient') || g.has('original-recipient') || g.has('action'));
  return recipients.slice(0, 100).flatMap((g) => {
    const action = (g.get('action') ?? 'failed').split(/[\s(;]/)[0]!.toLowerCase();
    if (action === 'delivered' || action === 'relayed' || action === 'expanded') return [];
    const status = STATUS.exec(g.get('status') ?? '')?.[0] ?? null;
    const diagnostic = g.get('diagnostic-code')?.replace(/^[a-z-]+;\s*/i, '') ?? null;
    return [
      {
        recipient: addressOf(g.get('final-recipient')) ?? addressOf(g.get('original-recipient')),
        action,
        status,
        diagnostic: diagnostic ? diagnostic.slice(0, 1000) : null,
        bounceClass: bounceClassOf(action, status, diagnostic),
      },
    ];
  });
}

/** The first enhanced status code in a text, with the line it stands in (for bounces that are not reports). */
export function statusInText(text: string): { status: string; line: string } | null {
  const m = STATUS.exec(text);
  if (!m) return null;
  const start = text.lastIndexOf('\n', m.index) + 1;
  const end = text.indexOf('\n', m.index);
  return {
    status: m[0],
    line: text
      .slice(start, end < 0 ? undefined : end)
      .trim()
      .slice(0, 1000),
  };
}
