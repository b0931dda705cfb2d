import type { AuditVocabulary } from '#rally/core';

/** Campaigns. */
export const CAMPAIGN_AUDIT = {
  actions: ['campaign.create', 'campaign.update'],
  objectTypes: ['campaign'],
} as const satisfies AuditVocabulary;
