import type { TenantFixture } from '#rally-testing/organisations';
import { aResponse } from './index.js';

/** A response of the organisation: every route under responses/:responseId takes it. */
export const tenantFixtures: TenantFixture[] = [
  { param: 'responseId', create: async (rally, owner) => (await aResponse(rally, owner)).id },
];
