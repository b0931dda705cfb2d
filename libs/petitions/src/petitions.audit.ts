import type { AuditVocabulary } from '#rally/core';

/** Petitions: editing, the lifecycle (`petition.${PetitionAction}`), paper signatures, exports. */
export const PETITION_AUDIT = {
  actions: [
    'petition.create',
    'petition.update',
    'petition.open',
    'petition.close',
    'petition.reopen',
    'petition.deliver',
    'petition.paper-signatures.add',
    'petition.signatures.export',
  ],
  objectTypes: ['petition'],
} as const satisfies AuditVocabulary;
