import type { TenantFixture } from '#rally-testing/organisations';
import { aFollowUp, anEscalationRule } from './index.js';

/** A follow-up and an escalation rule of the organisation: the routes under follow-ups/:id and escalation-rules/:id. */
export const tenantFixtures: TenantFixture[] = [
  { param: 'followUpId', create: async (rally, owner) => (await aFollowUp(rally, owner)).id },
  { param: 'escalationRuleId', create: async (rally, owner) => (await anEscalationRule(rally, owner)).id },
];
