import { defineConfigSection, parseBoolean, parseInteger, variable } from '#rally/core';

/** Sign-in limits and the first-run demo organisation. */
export const ORGANISATIONS_CONFIG = defineConfigSection(
  'organisations',
  {
    LOGIN_MAX_FAILURES: variable({
      description: 'Failed logins per account before it is locked for LOGIN_LOCKOUT_MINUTES (per IP: ten times this)',
      defaultValue: '5',
      parse: (r) => parseInteger(r, 1, 1000),
    }),
    LOGIN_LOCKOUT_MINUTES: variable({
      description: 'Window of the login failure counters and length of a lockout',
      defaultValue: '15',
      parse: (r) => parseInteger(r, 1, 1440),
    }),
    DEMO_SEED: variable({
      description: 'Seed a demo organisation and print its admin login on first start',
      defaultValue: 'true',
      parse: parseBoolean,
    }),
  },
  (v) => ({
    loginMaxFailures: v.LOGIN_MAX_FAILURES,
    loginLockoutMinutes: v.LOGIN_LOCKOUT_MINUTES,
    demoSeed: v.DEMO_SEED,
  }),
);

export type OrganisationsConfig = ReturnType<typeof ORGANISATIONS_CONFIG.build>;
