import type { TenantFixture } from '#rally-testing/organisations';
import { aRecommendation } from './index.js';

/** The organisation's own recommendation: the Study's rows are everyone's, so only own rows can leak across tenants. */
export const tenantFixtures: TenantFixture[] = [
  { param: 'recommendationId', create: async (rally, owner) => (await aRecommendation(rally, owner)).id },
];
