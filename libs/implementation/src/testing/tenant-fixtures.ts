import type { TenantFixture } from '#rally-testing/organisations';
import { aProposal } from './index.js';

/** A pending proposal; statuses are addressed by recommendation id, whose fixture the recommendations library has. */
export const tenantFixtures: TenantFixture[] = [
  {
    param: 'proposalId',
    // One per organisation and country: a second pending one for the same recommendation would be refused.
    create: async (rally, owner) => aProposal(rally, owner, { country: 'BE' }),
  },
];
