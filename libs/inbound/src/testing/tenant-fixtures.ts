import type { TenantFixture } from '#rally-testing/organisations';
import { aWebhookSource } from './index.js';

/** Objects of the inbound library that staff routes address by id; the cross-tenant test makes them in another org. */
export const tenantFixtures: TenantFixture[] = [
  { param: 'sourceId', create: async (rally, owner) => (await aWebhookSource(rally, owner)).source.id },
];
