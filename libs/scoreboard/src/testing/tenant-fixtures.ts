import type { TenantFixture } from '#rally-testing/organisations';
import { aHoliday } from './index.js';

/** A holiday of the organisation: every route under scoreboard/holidays/:holidayId takes it. */
export const tenantFixtures: TenantFixture[] = [
  { param: 'holidayId', create: async (rally, owner) => (await aHoliday(rally, owner)).id },
];
