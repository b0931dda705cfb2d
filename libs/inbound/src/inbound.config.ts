import { existsSync } from 'node:fs';
import {
  configRule,
  ConfigProblem,
  defineConfigSection,
  optional,
  parseBoolean,
  parseInteger,
  variable,
} from '#rally/core';

const count = (min: number, max: number) => (r: string) => parseInteger(r, min, max);

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

/** "example.org, mail.example.org": lower case, each a domain name. */
function parseDomains(raw: string): string[] {
  const domains = raw
    .split(',')
    .map((d) => d.trim().toLowerCase())
    .filter((d) => d !== '');
  const bad = domains.find((d) => !DOMAIN.test(d));
  if (bad !== undefined) throw new ConfigProblem(`must be domain names separated by commas, got "${bad}"`);
  return [...new Set(domains)];
}

function parseHost(raw: string): string {
  const h = raw.trim();
  if (!/^[A-Za-z0-9.:[\]-]{1,253}$/.test(h))
    throw new ConfigProblem(`must be an address to listen on like 127.0.0.1 or 0.0.0.0, got "${raw}"`);
  return h.replace(/^\[|\]$/g, '');
}

function parseFile(raw: string): string {
  if (!existsSync(raw)) throw new ConfigProblem(`names no readable file: "${raw}"`);
  return raw;
}

/**
 * Inbound mail: where Rally's own SMTP server listens (the MX of the reply domain, or loopback in the embedded
 * default), the size limit of one message on every way in, Rally's own domains (mail from them is a loop), and the
 * clock skew a signed webhook may have.
 */
export const INBOUND_CONFIG = defineConfigSection(
  'inbound',
  {
    INBOUND_SMTP_HOST: variable({
      description:
        "Address the inbound SMTP server (apps/inbound) listens on. Loopback by default; behind the reply domain's MX use 0.0.0.0",
      defaultValue: '127.0.0.1',
      parse: parseHost,
    }),
    INBOUND_SMTP_PORT: variable({
      description: 'Port of the inbound SMTP server (25 when it is the MX itself; 0: any free port, for tests)',
      defaultValue: '2525',
      parse: count(0, 65_535),
    }),
    INBOUND_SMTP_TLS_CERT: optional({
      description:
        'PEM certificate file for STARTTLS on the inbound SMTP server (with INBOUND_SMTP_TLS_KEY). Unset: no STARTTLS, for loopback or a proxy that ends TLS',
      parse: parseFile,
    }),
    INBOUND_SMTP_TLS_KEY: optional({
      description: 'PEM private key file of INBOUND_SMTP_TLS_CERT',
      parse: parseFile,
    }),
    INBOUND_MAX_BYTES: variable({
      description:
        'Largest inbound message accepted (SMTP SIZE, webhook body); larger ones are refused (552) and nothing is kept',
      defaultValue: '10485760',
      parse: count(1024, 100 * 1_048_576),
    }),
    INBOUND_OWN_DOMAINS: optional({
      description:
        "Rally's own sending domains, comma-separated: inbound mail from them is a loop and is dropped. Unset: the reply domain only",
      parse: parseDomains,
    }),
    INBOUND_TRUSTED_AUTHSERV_IDS: optional({
      description:
        "Authserv-ids of the border MTAs or providers whose Authentication-Results (DMARC) Rally believes, comma-separated: only those that strip such headers claiming their id. Unset: none, senders are checked against the target's addresses only",
      parse: parseDomains,
    }),
    INBOUND_RECONCILE_SECONDS: variable({
      description: 'How often the worker queues again inbound messages stored but never processed (a lost queue)',
      defaultValue: '60',
      parse: count(1, 86_400),
    }),
    INBOUND_IMAP_POLL_SECONDS: variable({
      description:
        'How often the worker polls each enabled IMAP mailbox (one poll per mailbox at a time across workers; after failures it waits longer, up to an hour)',
      defaultValue: '60',
      parse: count(10, 86_400),
    }),
    INBOUND_IMAP_BATCH: variable({
      description:
        'Messages one IMAP poll takes at most; a larger backlog is taken by follow-up polls queued at once, so each poll stays short',
      defaultValue: '200',
      parse: count(1, 5000),
    }),
    INBOUND_IMAP_PRIVATE_HOSTS: variable({
      description:
        'Whether IMAP mailboxes may be on loopback or private addresses (127.0.0.0/8, 10.0.0.0/8, 192.168.0.0/16...). Off: an organisation cannot make Rally probe its own network',
      defaultValue: 'false',
      parse: parseBoolean,
    }),
    INBOUND_WEBHOOK_MAX_SKEW_SECONDS: variable({
      description:
        'A signed inbound webhook whose X-Rally-Timestamp is further than this from now is refused (401); replays are refused within it',
      defaultValue: '300',
      parse: count(10, 3600),
    }),
  },
  (v) => {
    if (!v.INBOUND_SMTP_TLS_CERT !== !v.INBOUND_SMTP_TLS_KEY)
      throw configRule('INBOUND_SMTP_TLS_CERT and INBOUND_SMTP_TLS_KEY must be set together, or neither');
    return {
      smtp: {
        host: v.INBOUND_SMTP_HOST,
        port: v.INBOUND_SMTP_PORT,
        tls: v.INBOUND_SMTP_TLS_CERT ? { certFile: v.INBOUND_SMTP_TLS_CERT, keyFile: v.INBOUND_SMTP_TLS_KEY! } : null,
      },
      maxBytes: v.INBOUND_MAX_BYTES,
      /** Besides the reply domain (LETTERS_CONFIG.replyDomain), which the processor always counts as Rally's own. */
      ownDomains: v.INBOUND_OWN_DOMAINS ?? [],
      webhookMaxSkewSeconds: v.INBOUND_WEBHOOK_MAX_SKEW_SECONDS,
      trustedAuthservIds: v.INBOUND_TRUSTED_AUTHSERV_IDS ?? [],
      reconcileSeconds: v.INBOUND_RECONCILE_SECONDS,
      imap: {
        pollSeconds: v.INBOUND_IMAP_POLL_SECONDS,
        batch: v.INBOUND_IMAP_BATCH,
        privateHosts: v.INBOUND_IMAP_PRIVATE_HOSTS,
      },
    };
  },
);

export type InboundConfig = ReturnType<typeof INBOUND_CONFIG.build>;
