import type { RallyLike, StaffHandle } from '#rally-testing/organisations';
import { authOf } from '#rally-testing/organisations';
import { aCampaign } from '#rally-testing/petitions';
import type { EscalationRuleCreateDto, EscalationRuleResponse } from '../dto/escalation-rule.dto.js';
import type { FollowUpCreateDto, FollowUpResponseDto } from '../dto/follow-up.dto.js';
import { EscalationRuleService } from '../escalations/escalation-rule.service.js';
import { FollowUpService } from '../follow-up.service.js';

/** A follow-up the member owns, due on 10 March 2027, with no links. */
export async function aFollowUp(
  rally: RallyLike,
  owner: StaffHandle,
  overrides: Partial<FollowUpCreateDto> = {},
): Promise<FollowUpResponseDto> {
  return rally.api.get(FollowUpService).create(authOf(owner), {
    title: "Call the Justice minister's cabinet about the detention review",
    dueOn: '2027-03-10',
    ownerId: owner.user.id,
    ...overrides,
  });
}

/** A request body for POST .../follow-ups, with overrides (null and undefined included, for validation tests). */
export const aFollowUpBody = (ownerId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  title: 'Ask the Ombudsperson for a meeting on the waiting zones',
  dueOn: '2027-03-10',
  ownerId,
  note: 'After the answer of 3 June.',
  ...overrides,
});

/** A rule on a new campaign of the organisation: a follow-up for the member after 30 days without an answer. */
export async function anEscalationRule(
  rally: RallyLike,
  owner: StaffHandle,
  overrides: Partial<EscalationRuleCreateDto> = {},
): Promise<EscalationRuleResponse> {
  const campaignId = overrides.campaignId ?? (await aCampaign(rally, owner));
  return rally.api.get(EscalationRuleService).create(authOf(owner), {
    campaignId,
    name: 'No answer in 30 days',
    days: 30,
    action: 'follow-up',
    ownerId: owner.user.id,
    followUpTitle: 'Call the cabinet',
    ...overrides,
  });
}
