import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * The maintained list of disposable domains (~120,000), read on first use and not kept in the module cache: only the
 * processes that check signatures hold it (once as an array in the module cache and once as a Set, before), not the
 * worker or the inbound server, which never check an address.
 */
let disposable: { exact: Set<string>; withSubdomains: Set<string> } | undefined;
function disposableDomains(): { exact: Set<string>; withSubdomains: Set<string> } {
  disposable ??= {
    exact: new Set(readList('disposable-email-domains')),
    withSubdomains: new Set(readList('disposable-email-domains/wildcard.json')),
  };
  return disposable;
}
const readList = (id: string): string[] => JSON.parse(readFileSync(require.resolve(id), 'utf8')) as string[];

/** Providers that deliver `a.b+x@` to `ab@`: dots and +tags both ignored. */
const DOTS_AND_PLUS = new Set(['gmail.com', 'googlemail.com']);
/** Providers that ignore a +tag but where dots are significant. */
const PLUS_ONLY = new Set([
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'fastmail.com',
  'fastmail.fm',
  'proton.me',
  'protonmail.com',
  'pm.me',
  'yandex.ru',
  'yandex.com',
]);

// Deliberately simple: the confirmation mail is the real test of an address; this only rejects what cannot be one.
const SHAPE =
  /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

export function isEmailShaped(email: string): boolean {
  return email.length <= 254 && SHAPE.test(email) && email.indexOf('@') <= 64;
}

/** Listed domains, and any subdomain of a wildcard-listed one. Set lookups per label: this runs on every signature. */
export function isDisposableEmail(email: string): boolean {
  const { exact, withSubdomains } = disposableDomains();
  let domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  if (exact.has(domain)) return true;
  for (;;) {
    if (withSubdomains.has(domain)) return true;
    const dot = domain.indexOf('.');
    if (dot < 0) return false;
    domain = domain.slice(dot + 1);
  }
}

/**
 * The identity of an address for dedupe: lower-cased, and provider aliases folded where the provider itself ignores
 * them (Gmail dots and +tags, +tags at providers documented to ignore them). Unknown domains keep their +tags,
 * since a company mail server may deliver them to different people.
 */
export function normaliseEmail(email: string): string {
  const lower = email.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  let local = lower.slice(0, at);
  let domain = lower.slice(at + 1);
  if (DOTS_AND_PLUS.has(domain)) {
    local = local.split('+')[0].replace(/\./g, '');
    domain = 'gmail.com';
  } else if (PLUS_ONLY.has(domain)) {
    local = local.split('+')[0];
  }
  return `${local}@${domain}`;
}
