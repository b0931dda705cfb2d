import type { TenantFixture } from '#rally-testing/organisations';
import { aMailing, aMailingRun } from './index.js';

/** A mailing, and a run of another: every route under mailings/:mailingId (and its runs/:runId) takes them. */
export const tenantFixtures: TenantFixture[] = [
  { param: 'mailingId', create: async (rally, owner) => (await aMailing(rally, owner)).id },
  { param: 'runId', create: (rally, owner) => aMailingRun(rally, owner) },
];
