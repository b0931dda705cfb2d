import { defineConfigSection, parseInteger, variable } from '#rally/core';

/** Staff sessions: how long a browser stays signed in. */
export const ACCESS_CONFIG = defineConfigSection(
  'access',
  {
    SESSION_IDLE_MINUTES: variable({
      description: 'A staff session ends after this many minutes without a request',
      defaultValue: '60',
      parse: (r) => parseInteger(r, 1, 10080),
    }),
    SESSION_ABSOLUTE_HOURS: variable({
      description: 'A staff session ends this many hours after login, active or not',
      defaultValue: '12',
      parse: (r) => parseInteger(r, 1, 720),
    }),
  },
  (v) => ({ sessionIdleMinutes: v.SESSION_IDLE_MINUTES, sessionAbsoluteHours: v.SESSION_ABSOLUTE_HOURS }),
);

export type AccessConfig = ReturnType<typeof ACCESS_CONFIG.build>;
