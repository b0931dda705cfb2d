import type { Recommendation, VerificationLevel } from './entities/recommendation.entity.js';

/**
 * Levels at which Rally may say "the Study recommends": the wording was seen in A/74/136 (primary) or a Study or UN
 * source reports it as a Study recommendation (secondary). Partial is left out: a Study finding supports it but the
 * recommendation's wording was never seen, so a letter saying "the Study recommends" could be refuted by a ministry.
 */
export const STUDY_RECOMMENDS_LEVELS: readonly VerificationLevel[] = ['primary', 'secondary'];

/** True only for a Study row still in the catalogue at a level above; never for an organisation's own. */
export const studyRecommends = (r: Pick<Recommendation, 'sourceKind' | 'verification' | 'withdrawn'>): boolean =>
  r.sourceKind === 'study' &&
  !r.withdrawn &&
  r.verification !== null &&
  STUDY_RECOMMENDS_LEVELS.includes(r.verification);
