import type { AuditVocabulary } from '#rally/core';

/** Implementation status: changes and their review, publishing, the settings and the public scorecard. */
export const IMPLEMENTATION_AUDIT = {
  actions: [
    'implementation.change',
    'implementation.propose',
    'implementation.approve',
    'implementation.reject',
    'implementation.publish',
    'implementation.unpublish',
    'implementation.settings',
    'implementation.scorecard',
  ],
  objectTypes: ['recommendation', 'organisation'],
} as const satisfies AuditVocabulary;
