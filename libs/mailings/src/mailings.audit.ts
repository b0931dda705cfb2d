import type { AuditVocabulary } from '#rally/core';

/** Mailings (`mailing.${pause | resume | cancel}`) and the suppression list. */
export const MAILING_AUDIT = {
  actions: [
    'mailing.create',
    'mailing.update',
    'mailing.schedule',
    'mailing.test-send',
    'mailing.pause',
    'mailing.resume',
    'mailing.cancel',
    'mailing.delete',
    'suppression.add',
  ],
  objectTypes: ['mailing', 'suppression'],
} as const satisfies AuditVocabulary;
