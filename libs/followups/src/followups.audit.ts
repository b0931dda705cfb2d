import type { AuditVocabulary } from '#rally/core';

/** Follow-ups, escalation rules, the reminder settings and each member's reminder preferences. */
export const FOLLOW_UP_AUDIT = {
  actions: [
    'follow-up.create',
    'follow-up.update',
    'follow-up.status',
    'follow-up.delete',
    'escalation-rule.create',
    'escalation-rule.update',
    'escalation-rule.delete',
    'follow-up-settings.update',
    'follow-up-preference.update',
  ],
  objectTypes: ['follow-up', 'escalation-rule', 'organisation', 'member'],
} as const satisfies AuditVocabulary;
