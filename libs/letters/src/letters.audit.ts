import type { AuditVocabulary } from '#rally/core';

/** Letter actions (their lifecycle: `letter-action.${LetterActionTransition}`) and decisions on held letters. */
export const LETTER_AUDIT = {
  actions: [
    'letter-action.create',
    'letter-action.update',
    'letter-action.open',
    'letter-action.close',
    'letter-action.reopen',
    'letter-action.template.save',
    'letter-action.template.delete',
    'letter-action.test-mode',
    'letters.cancel',
    'letters.requeue',
    'letters.review.release',
    'letters.review.reject',
  ],
  objectTypes: ['letter-action', 'letter-submission'],
} as const satisfies AuditVocabulary;
