import type { RallyLibrary } from '#rally/core';
import { RecommendationCatalogue } from './entities/recommendation-catalogue.entity.js';
import { Recommendation } from './entities/recommendation.entity.js';
import { RECOMMENDATION_AUDIT } from './recommendations.audit.js';
import { RECOMMENDATION_PERMISSIONS } from './recommendations.permissions.js';

/** What is asked of governments: the Study's catalogue (shipped, versioned) and each organisation's own items. */
export const RECOMMENDATIONS_LIBRARY: RallyLibrary = {
  name: 'recommendations',
  entities: [Recommendation, RecommendationCatalogue],
  permissions: RECOMMENDATION_PERMISSIONS,
  audit: RECOMMENDATION_AUDIT,
};
