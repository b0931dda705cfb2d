import type { RallyLibrary } from '#rally/core';
import { PaperSignatureBatch } from './entities/paper-signature-batch.entity.js';
import {
  PetitionAreaCount,
  PetitionCount,
  PetitionDayCount,
  PetitionMilestoneReached,
} from './entities/petition-count.entity.js';
import { Petition } from './entities/petition.entity.js';
import { Signature } from './entities/signature.entity.js';
import { PETITIONS_CONFIG } from './petitions.config.js';
import { PETITIONS_CATALOGUE } from './petitions.i18n.js';
import { PETITION_JOBS } from './petitions.jobs.js';
import { PETITION_AUDIT } from './petitions.audit.js';
import { PETITION_PERMISSIONS } from './petitions.permissions.js';

/** Public asks with a goal: sign pages, confirmed signatures, counts, milestones, exports. */
export const PETITIONS_LIBRARY: RallyLibrary = {
  name: 'petitions',
  entities: [
    Petition,
    Signature,
    PetitionCount,
    PetitionAreaCount,
    PetitionMilestoneReached,
    PetitionDayCount,
    PaperSignatureBatch,
  ],
  config: PETITIONS_CONFIG,
  jobs: PETITION_JOBS,
  permissions: PETITION_PERMISSIONS,
  audit: PETITION_AUDIT,
  catalogues: [PETITIONS_CATALOGUE],
};
