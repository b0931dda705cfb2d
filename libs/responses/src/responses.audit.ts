import type { AuditVocabulary } from '#rally/core';

/** The response log. */
export const RESPONSE_AUDIT = {
  actions: ['response.create', 'response.classify', 'response.update', 'response.delete'],
  objectTypes: ['response'],
} as const satisfies AuditVocabulary;
