import { ConfigProblem, defineConfigSection, optional, parseInteger, variable } from '#rally/core';

const count = (min: number, max: number) => (r: string) => parseInteger(r, min, max);

/** "8-18": the hours [start, end) of the default sending window. */
function parseHours(raw: string): { startHour: number; endHour: number } {
  const m = /^(\d{1,2})-(\d{1,2})$/.exec(raw.trim());
  const [start, end] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
  if (!(start >= 0 && end <= 24 && start < end)) throw new ConfigProblem(`must be two hours like 8-18, got "${raw}"`);
  return { startHour: start, endHour: end };
}

/** "1-5" or "1,2,3,4,5": ISO weekdays, 1 = Monday. */
function parseWeekdays(raw: string): number[] {
  const range = /^([1-7])-([1-7])$/.exec(raw.trim());
  const days = range
    ? Array.from({ length: Number(range[2]) - Number(range[1]) + 1 }, (_, i) => Number(range[1]) + i)
    : raw.split(',').map((d) => Number(d.trim()));
  if (days.length === 0 || days.some((d) => !Number.isInteger(d) || d < 1 || d > 7))
    throw new ConfigProblem(`must be weekdays 1-7 like 1-5 or 1,3,5, got "${raw}"`);
  return [...new Set(days)].sort();
}

function parseDomain(raw: string): string {
  const d = raw.trim().toLowerCase();
  if (!/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/.test(d))
    throw new ConfigProblem(`must be a domain name like reply.example.org, got "${raw}"`);
  return d;
}

/** "2:new-secret,1:old-secret": the reply-token keys by version, the first making new tokens. */
function parseTokenKeys(raw: string): { version: string; secret: string }[] {
  const keys = raw
    .split(',')
    .map((pair) => pair.trim())
    .filter((pair) => pair !== '')
    .map((pair) => {
      const m = /^([1-9]):(.+)$/.exec(pair);
      if (!m) throw new ConfigProblem('must be version:secret pairs like 2:new-secret,1:old-secret (versions 1-9)');
      if (m[2]!.length < 32) throw new ConfigProblem(`the secret of version ${m[1]} must be at least 32 characters`);
      return { version: m[1]!, secret: m[2]! };
    });
  if (keys.length === 0) throw new ConfigProblem('must name at least one version:secret pair');
  if (new Set(keys.map((k) => k.version)).size !== keys.length) throw new ConfigProblem('names a version twice');
  return keys;
}

/** Letters: the reply domain, the default throttle of new actions, the dispatcher, abuse limits on the public page. */
export const LETTERS_CONFIG = defineConfigSection(
  'letters',
  {
    LETTER_REPLY_DOMAIN: optional({
      description:
        "Domain of each letter's reply address (reply+TOKEN@domain) and Message-ID; its MX must reach Rally's inbound mail. Unset: reply. and the PUBLIC_URL host",
      parse: parseDomain,
    }),
    LETTER_TOKEN_KEYS: optional({
      description:
        "Keys of letters' reply, bounce and Message-ID tokens as version:secret pairs (2:new,1:old), the first making new tokens, every one verifying; drop a version to retire it. Unset: SECRET_KEY, as version 1",
      // The parser's messages never repeat the value: it holds secrets.
      parse: parseTokenKeys,
    }),
    LETTER_HOURLY_CAP: variable({
      description: 'Default for new letter actions: letters per hour to one target address',
      defaultValue: '20',
      parse: count(1, 100_000),
    }),
    LETTER_DAILY_CAP: variable({
      description: 'Default for new letter actions: letters per day (24 hours) to one target address',
      defaultValue: '150',
      parse: count(1, 1_000_000),
    }),
    LETTER_SENDING_HOURS: variable({
      description: "Default sending window of new letter actions: hours [start-end) in the target's time zone",
      defaultValue: '8-18',
      parse: parseHours,
    }),
    LETTER_SENDING_DAYS: variable({
      description: 'Default sending days of new letter actions: ISO weekdays, 1 = Monday (1-5 or 1,2,3)',
      defaultValue: '1-5',
      parse: parseWeekdays,
    }),
    LETTER_DISPATCH_MS: variable({
      description: 'How often the worker hands due letters to the mail outbox',
      defaultValue: '2000',
      parse: count(100, 600_000),
    }),
    LETTER_SENT_STAMP_MS: variable({
      description:
        'How often the worker stamps letters the relay has taken (their sending day starts the scoreboard wave)',
      defaultValue: '1000',
      parse: count(100, 600_000),
    }),
    LETTER_SUPPORTER_MAIL_MS: variable({
      description: 'How often the worker stages the confirmation reminder for letter writers who have not confirmed',
      defaultValue: '1000',
      parse: count(100, 600_000),
    }),
    LETTER_REMINDER_SECONDS: variable({
      description: 'Delay before the one confirmation reminder to a letter writer who has not confirmed',
      defaultValue: '86400',
      parse: count(1, 2_592_000),
    }),
    LETTER_MIN_FILL_SECONDS: variable({
      description: 'A letter form submitted sooner than this after the page was served is refused as automated',
      defaultValue: '3',
      parse: count(0, 600),
    }),
    LETTER_RATE_IP_PER_MINUTE: variable({
      description: 'Letter sends accepted per IP per minute (burst), per api process',
      defaultValue: '6',
      parse: count(1, 1_000_000),
    }),
    LETTER_RATE_IP_PER_HOUR: variable({
      description: 'Letter sends accepted per IP per hour (sustained), per api process',
      defaultValue: '30',
      parse: count(1, 1_000_000),
    }),
    LETTER_RATE_ACTION_PER_SECOND: variable({
      description: 'Letter sends accepted per letter action per second, per api process',
      defaultValue: '200',
      parse: count(1, 1_000_000),
    }),
  },
  (v, core) => ({
    replyDomain: v.LETTER_REPLY_DOMAIN ?? `reply.${new URL(core.http.publicUrl).hostname}`,
    tokenKeys: v.LETTER_TOKEN_KEYS ?? null,
    defaults: {
      hourlyCap: v.LETTER_HOURLY_CAP,
      dailyCap: v.LETTER_DAILY_CAP,
      sendingWindow: { ...v.LETTER_SENDING_HOURS, weekdays: v.LETTER_SENDING_DAYS },
    },
    dispatchMs: v.LETTER_DISPATCH_MS,
    sentStampMs: v.LETTER_SENT_STAMP_MS,
    supporterMailMs: v.LETTER_SUPPORTER_MAIL_MS,
    reminderSeconds: v.LETTER_REMINDER_SECONDS,
    minFillSeconds: v.LETTER_MIN_FILL_SECONDS,
    rateLimit: {
      ipPerMinute: v.LETTER_RATE_IP_PER_MINUTE * core.rateLimitMultiplier,
      ipPerHour: v.LETTER_RATE_IP_PER_HOUR * core.rateLimitMultiplier,
      actionPerSecond: v.LETTER_RATE_ACTION_PER_SECOND * core.rateLimitMultiplier,
    },
  }),
);

export type LettersConfig = ReturnType<typeof LETTERS_CONFIG.build>;
