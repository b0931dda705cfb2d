import type { AuditVocabulary } from '#rally/core';

/** The target directory: targets, their addresses and responsibilities, the postcode table, CSV imports. */
export const TARGET_AUDIT = {
  actions: [
    'target.create',
    'target.update',
    'target.delete',
    'target.email.add',
    'target.email.update',
    'target.email.remove',
    'responsibility.create',
    'responsibility.update',
    'responsibility.end',
    'responsibility.delete',
    'area-lookup.create',
    'area-lookup.update',
    'area-lookup.delete',
    'target-import.upload',
    'target-import.check',
    'target-import.apply',
  ],
  objectTypes: ['target', 'responsibility', 'area-lookup', 'target-import'],
} as const satisfies AuditVocabulary;
