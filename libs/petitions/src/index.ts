import { PaperSignatureBatch } from './entities/paper-signature-batch.entity.js';
import { PetitionAreaCount, PetitionCount, PetitionMilestoneReached } from './entities/petition-count.entity.js';
import { Petition } from './entities/petition.entity.js';
import { Signature } from './entities/signature.entity.js';

export * from './entities/petition.entity.js';
export * from './entities/signature.entity.js';
export * from './entities/petition-count.entity.js';
export * from './entities/paper-signature-batch.entity.js';
export * from './petitions.module.js';
export * from './petition.service.js';
export * from './petition-count.cache.js';
export * from './dto/petition.dto.js';
export * from './mail/petition-mail.templates.js';

export const PETITION_ENTITIES = [
  Petition,
  Signature,
  PetitionCount,
  PetitionAreaCount,
  PetitionMilestoneReached,
  PaperSignatureBatch,
];
