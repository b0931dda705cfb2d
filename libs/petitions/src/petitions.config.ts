import { defineConfigSection, parseInteger, variable } from '#rally/core';

const count = (min: number, max: number) => (r: string) => parseInteger(r, min, max);

/** Public signing (abuse limits per api process, scaled by RATE_LIMIT_MULTIPLIER; group commit), counts, signer mail. */
export const PETITIONS_CONFIG = defineConfigSection(
  'petitions',
  {
    SIGN_RATE_IP_PER_MINUTE: variable({
      description: 'Petition signatures accepted per IP per minute (burst), per api process',
      defaultValue: '10',
      parse: count(1, 1_000_000),
    }),
    SIGN_RATE_IP_PER_HOUR: variable({
      description: 'Petition signatures accepted per IP per hour (sustained), per api process',
      defaultValue: '60',
      parse: count(1, 1_000_000),
    }),
    SIGN_RATE_PETITION_PER_SECOND: variable({
      description: 'Signatures accepted per petition per second, per api process',
      defaultValue: '500',
      parse: count(1, 1_000_000),
    }),
    SIGN_MIN_FILL_SECONDS: variable({
      description: 'A sign form submitted sooner than this after the page was served is refused as automated',
      defaultValue: '2',
      parse: count(0, 600),
    }),
    SIGN_WRITE_CONCURRENCY: variable({
      description:
        'Signature batches one api process writes at once; signatures arriving meanwhile form the next batch (group commit)',
      defaultValue: '2',
      parse: count(1, 50),
    }),
    PETITION_COUNT_FLUSH_MS: variable({
      description: 'How often the worker folds newly confirmed signatures into the petition counts',
      defaultValue: '1000',
      parse: count(100, 600_000),
    }),
    PETITION_COUNT_CACHE_MS: variable({
      description: 'How often each api process refreshes its in-memory petition counts',
      defaultValue: '1000',
      parse: count(100, 600_000),
    }),
    PETITION_COUNT_RECONCILE_SECONDS: variable({
      description: 'How often petition counts are recomputed from the signature rows (repairs any drift)',
      defaultValue: '300',
      parse: count(1, 86_400),
    }),
    SIGNATURE_MAIL_POLL_MS: variable({
      description: 'How often the worker stages confirmation, reminder and already-signed mails for new signatures',
      defaultValue: '1000',
      parse: count(100, 600_000),
    }),
    SIGNATURE_REMINDER_SECONDS: variable({
      description: 'Delay before each of the two confirmation reminders to a pending signer',
      defaultValue: '172800',
      parse: count(1, 2_592_000),
    }),
    PETITION_CLOSE_CHECK_SECONDS: variable({
      description: 'How often the worker closes petitions whose close date has passed',
      defaultValue: '60',
      parse: count(1, 86_400),
    }),
  },
  (v, core) => ({
    rateLimit: {
      ipPerMinute: v.SIGN_RATE_IP_PER_MINUTE * core.rateLimitMultiplier,
      ipPerHour: v.SIGN_RATE_IP_PER_HOUR * core.rateLimitMultiplier,
      petitionPerSecond: v.SIGN_RATE_PETITION_PER_SECOND * core.rateLimitMultiplier,
    },
    minFillSeconds: v.SIGN_MIN_FILL_SECONDS,
    writeConcurrency: v.SIGN_WRITE_CONCURRENCY,
    countFlushMs: v.PETITION_COUNT_FLUSH_MS,
    countCacheMs: v.PETITION_COUNT_CACHE_MS,
    countReconcileSeconds: v.PETITION_COUNT_RECONCILE_SECONDS,
    signatureMailPollMs: v.SIGNATURE_MAIL_POLL_MS,
    reminderSeconds: v.SIGNATURE_REMINDER_SECONDS,
    closeCheckSeconds: v.PETITION_CLOSE_CHECK_SECONDS,
  }),
);

export type PetitionsConfig = ReturnType<typeof PETITIONS_CONFIG.build>;
