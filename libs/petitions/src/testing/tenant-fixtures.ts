import type { TenantFixture } from '#rally-testing/organisations';
import { aCampaign, aPetition } from './index.js';

/** Objects of petitions and campaigns that staff routes address by id; the cross-tenant test makes them in another org. */
export const tenantFixtures: TenantFixture[] = [
  { param: 'campaignId', create: (rally, owner) => aCampaign(rally, owner) },
  { param: 'petitionId', create: async (rally, owner) => (await aPetition(rally, owner)).id },
];
