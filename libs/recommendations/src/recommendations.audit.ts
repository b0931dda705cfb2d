import type { AuditVocabulary } from '#rally/core';

/** The organisation's own recommendations. */
export const RECOMMENDATION_AUDIT = {
  actions: ['recommendation.create', 'recommendation.update', 'recommendation.delete'],
  objectTypes: ['recommendation'],
} as const satisfies AuditVocabulary;
