import { randomBytes } from 'node:crypto';
import type { RallyLike, StaffHandle } from '#rally-testing/organisations';
import { authOf } from '#rally-testing/organisations';
import type { RecommendationCreateDto } from '../dto/recommendation.dto.js';
import type { Recommendation } from '../entities/recommendation.entity.js';
import { RecommendationService } from '../recommendation.service.js';

const unique = (): string => randomBytes(4).toString('hex').toUpperCase();

/** An organisation's own recommendation from the CRC's concluding observations, on migration. */
export async function aRecommendation(
  rally: RallyLike,
  owner: StaffHandle,
  overrides: Partial<RecommendationCreateDto> = {},
): Promise<Recommendation> {
  return rally.api.get(RecommendationService).create(authOf(owner), {
    code: `CRC-${unique()}`,
    focusArea: 'migration',
    title: 'End the detention of children in waiting zones',
    sourceLabel: 'CRC concluding observations 2024',
    ...overrides,
  });
}

/** A request body for POST .../recommendations, with overrides (null and undefined included, for validation tests). */
export const aRecommendationBody = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  code: `UPR-${unique()}`,
  focusArea: 'administration-of-justice',
  title: 'Raise the minimum age of criminal responsibility to at least 14',
  summary: 'Accepted at the fourth cycle.',
  sourceLabel: 'UPR 4th cycle',
  sourceReference: 'A/HRC/54/5 rec. 45.112',
  evidence: [{ url: 'https://www.ohchr.org/en/hr-bodies/upr', supports: 'the recommendation as accepted' }],
  ...overrides,
});
