import type { ParsedMessage } from './mime-parse.js';
import { headerValue } from './mime-parse.js';

/** How the From address was vouched for; stored either way (ministries forward letters to colleagues). */
export type SenderCheck = 'target-address' | 'target-domain' | 'dmarc' | 'unverified';

export interface AuthenticationResults {
  /** Who wrote the header (RFC 8601 authserv-id), lower case. */
  authservId: string;
  dmarc: { result: string; headerFrom: string | null } | null;
}

/** An Authentication-Results value: the authserv-id, then `method=result` clauses separated by semicolons. */
export function parseAuthenticationResults(value: string): AuthenticationResults | null {
  const clauses = value
    .replace(/\([^()]*\)/g, ' ') // RFC 8601 comments
    .split(';')
    .map((c) => c.trim());
  const authservId = clauses[0]?.split(/\s+/)[0]?.toLowerCase();
  if (!authservId) return null;
  const dmarcClause = clauses.slice(1).find((c) => /^dmarc\s*=/i.test(c));
  if (!dmarcClause) return { authservId, dmarc: null };
  const result = /^dmarc\s*=\s*([a-z]+)/i.exec(dmarcClause)?.[1]?.toLowerCase() ?? 'none';
  const headerFrom = /header\.from\s*=\s*"?([^\s";]+)"?/i.exec(dmarcClause)?.[1]?.toLowerCase() ?? null;
  return { authservId, dmarc: { result, headerFrom } };
}

const domainOf = (address: string): string => address.split('@')[1]?.toLowerCase() ?? '';

/**
 * From against the target's own addresses (any of its `target_emails`), then their domains, then DMARC. DMARC counts
 * only from the newest Authentication-Results header (the topmost: each hop adds its own above the older ones) and
 * only when a trusted relay wrote it: its authserv-id is one the installation lists as its own border MTA or inbound
 * provider, which removes headers claiming that id from mail it receives (RFC 8601 §5). A header anyone else wrote,
 * or an older one below, is text the sender controls.
 */
export function checkSender(
  message: ParsedMessage,
  targetAddresses: readonly string[],
  trustedAuthservIds: readonly string[],
): { senderVerified: boolean; senderCheck: SenderCheck } {
  const from = message.from?.address.toLowerCase().trim();
  if (from) {
    const addresses = targetAddresses.map((a) => a.toLowerCase());
    if (addresses.includes(from)) return { senderVerified: true, senderCheck: 'target-address' };
    const domain = domainOf(from);
    if (domain && addresses.some((a) => domainOf(a) === domain))
      return { senderVerified: true, senderCheck: 'target-domain' };
    const newest = headerValue(message, 'authentication-results');
    const results = newest ? parseAuthenticationResults(newest) : null;
    if (
      results?.dmarc?.result === 'pass' &&
      results.dmarc.headerFrom === domain &&
      trustedAuthservIds.map((t) => t.toLowerCase()).includes(results.authservId)
    )
      return { senderVerified: true, senderCheck: 'dmarc' };
  }
  return { senderVerified: false, senderCheck: 'unverified' };
}
