import { ConfigProblem, defineConfigSection, optional, parseInteger, variable } from '#rally/core';

function parseAddress(raw: string): string {
  const a = raw.trim();
  if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(a)) throw new ConfigProblem(`must be an email address, got "${raw}"`);
  return a;
}

/** How fast mailings leave, how often schedules are looked at, and where mailto unsubscribes go. */
export const MAILINGS_CONFIG = defineConfigSection(
  'mailings',
  {
    MAILING_SEND_RATE: variable({
      description:
        "Mailing messages per second handed to the relay across all workers (the relay's agreed rate; letters and system mail are not counted)",
      defaultValue: '50',
      parse: (r) => parseInteger(r, 1, 100_000),
    }),
    MAILING_DISPATCH_MS: variable({
      description: 'How often a worker hands the next share of mailing recipients to the outbox',
      defaultValue: '1000',
      parse: (r) => parseInteger(r, 50, 60_000),
    }),
    MAILING_SCHEDULE_MS: variable({
      description: 'How often a worker looks for mailings due to fire (the lateness of a scheduled send at most)',
      defaultValue: '15000',
      parse: (r) => parseInteger(r, 100, 600_000),
    }),
    MAILING_UNSUBSCRIBE_MAILTO: optional({
      description:
        'Mailto: address of List-Unsubscribe in supporter mailings, the token in the subject, for a mailbox the installation reads itself (Rally does not). Unset: unsubscribe+TOKEN@ the reply domain, which Rally reads',
      parse: parseAddress,
    }),
  },
  (v) => ({
    sendRate: v.MAILING_SEND_RATE,
    dispatchMs: v.MAILING_DISPATCH_MS,
    scheduleMs: v.MAILING_SCHEDULE_MS,
    unsubscribeMailto: v.MAILING_UNSUBSCRIBE_MAILTO ?? null,
  }),
);

export type MailingsConfig = ReturnType<typeof MAILINGS_CONFIG.build>;
