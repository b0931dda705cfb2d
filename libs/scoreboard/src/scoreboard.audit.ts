import type { AuditVocabulary } from '#rally/core';

/** The response-time scoreboard: its settings and the holidays it skips. */
export const SCOREBOARD_AUDIT = {
  actions: [
    'scoreboard.settings',
    'scoreboard.holiday.create',
    'scoreboard.holiday.update',
    'scoreboard.holiday.delete',
  ],
  objectTypes: ['organisation', 'scoreboard_holiday'],
} as const satisfies AuditVocabulary;
