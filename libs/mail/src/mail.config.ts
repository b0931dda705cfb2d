import { configRule, defineConfigSection, optional, parseInteger, parseUrl, text, variable } from '#rally/core';

/** The relay (or the local capture), the default sender, and how lost or stuck mail is recovered. */
export const MAIL_CONFIG = defineConfigSection(
  'mail',
  {
    SMTP_URL: optional({
      description:
        'SMTP relay URL (smtp://user:pass@host:port, smtps://...). Unset: mail is captured and readable at /dev/mailbox',
      parse: (r) => parseUrl(r, ['smtp:', 'smtps:']),
    }),
    SMTP_POOL_SIZE: variable({
      description: 'Pooled SMTP connections per worker process',
      defaultValue: '5',
      parse: (r) => parseInteger(r, 1, 100),
    }),
    MAIL_FROM: variable({
      description: 'Default sender for system mail',
      defaultValue: 'Rally <no-reply@rally.localhost>',
      parse: text,
    }),
    MAIL_RECONCILE_SECONDS: variable({
      description: 'How often the worker re-enqueues mail left pending (lost queue, crashed worker)',
      defaultValue: '30',
      parse: (r) => parseInteger(r, 1, 3600),
    }),
    MAIL_SEND_LEASE_SECONDS: variable({
      description:
        'How long a worker owns a message it is sending; after that another worker assumes it died and retries',
      defaultValue: '120',
      parse: (r) => parseInteger(r, 1, 3600),
    }),
  },
  (v, core) => {
    // Captured mail is readable at /dev/mailbox (password-reset and invitation links included): never in production.
    if (core.env === 'production' && !v.SMTP_URL)
      throw configRule(
        'SMTP_URL must be set when NODE_ENV=production: without a relay mail would only be captured locally',
      );
    return {
      smtpUrl: v.SMTP_URL,
      smtpPoolSize: v.SMTP_POOL_SIZE,
      from: v.MAIL_FROM,
      capture: !v.SMTP_URL,
      reconcileSeconds: v.MAIL_RECONCILE_SECONDS,
      sendLeaseSeconds: v.MAIL_SEND_LEASE_SECONDS,
    };
  },
);

export type MailConfig = ReturnType<typeof MAIL_CONFIG.build>;
