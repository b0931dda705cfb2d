import type { RallyLibrary } from '#rally/core';
import { LetterAction } from './entities/letter-action.entity.js';
import { LetterSubmission } from './entities/letter-submission.entity.js';
import { LetterTemplate } from './entities/letter-template.entity.js';
import { Letter } from './entities/letter.entity.js';
import { LETTERS_CONFIG } from './letters.config.js';
import { LETTERS_CATALOGUE } from './letters.i18n.js';
import { LETTER_JOBS } from './letters.jobs.js';
import { LETTER_AUDIT } from './letters.audit.js';
import { LETTER_PERMISSIONS } from './letters.permissions.js';

/** Letters to ministries: actions with safe templates and routing, the supporter's page, throttled delivery. */
export const LETTERS_LIBRARY: RallyLibrary = {
  name: 'letters',
  entities: [LetterAction, LetterTemplate, LetterSubmission, Letter],
  config: LETTERS_CONFIG,
  jobs: LETTER_JOBS,
  permissions: LETTER_PERMISSIONS,
  audit: LETTER_AUDIT,
  catalogues: [LETTERS_CATALOGUE],
};
