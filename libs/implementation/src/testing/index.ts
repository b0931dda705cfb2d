import type { RallyLike, StaffHandle } from '#rally-testing/organisations';
import { authOf } from '#rally-testing/organisations';
import { RecommendationService } from '#rally/recommendations';
import type { StatusChangeDto } from '../dto/implementation-request.dto.js';
import { ImplementationChangeService } from '../implementation-change.service.js';
import { ScorecardService } from '../scorecard/scorecard.service.js';

/** The id of one of the Study's recommendations (every organisation sees them), by code. */
export async function studyRecommendationId(rally: RallyLike, owner: StaffHandle, code = 'MIG-1'): Promise<string> {
  const found = (await rally.api.get(RecommendationService).byCodes(authOf(owner), [code])).get(code);
  if (!found) throw new Error(`${code} is not in the catalogue`);
  return found.id;
}

/** A request body for PATCH .../implementation/statuses/:id, with overrides (null included, for validation tests). */
export const aStatusChangeBody = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  country: 'FR',
  status: 'in-progress',
  evidence: [
    { url: 'https://www.legifrance.gouv.fr/budget-2027', supports: 'funds two alternatives-to-detention pilots' },
  ],
  evidenceSummary: 'The 2027 budget funds two pilots of alternatives to detention.',
  evidenceDate: '2027-02-15',
  lastVerified: '2027-03-01',
  note: 'Checked with the focal point.',
  ...overrides,
});

/** A pending proposal: switches the owner's organisation to the second-reviewer rule and proposes a change. */
export async function aProposal(
  rally: RallyLike,
  owner: StaffHandle,
  overrides: Partial<StatusChangeDto> = {},
): Promise<string> {
  const changes = rally.api.get(ImplementationChangeService);
  const auth = authOf(owner);
  await changes.setSettings(auth, { secondReviewer: true });
  const outcome = await changes.change(auth, await studyRecommendationId(rally, owner), {
    country: 'FR',
    status: 'in-progress',
    ...overrides,
  });
  if (!outcome.proposalId) throw new Error('expected a proposal');
  return outcome.proposalId;
}

/** A status set in a country and published on the scorecard (which stays off until `enableScorecard`). */
export async function aPublishedStatus(
  rally: RallyLike,
  owner: StaffHandle,
  recommendationId: string,
  overrides: Partial<StatusChangeDto> = {},
): Promise<void> {
  const auth = authOf(owner);
  const change = { country: 'FR', status: 'in-progress', ...overrides } as StatusChangeDto;
  await rally.api.get(ImplementationChangeService).change(auth, recommendationId, change);
  await rally.api
    .get(ScorecardService)
    .publish(
      auth,
      { country: change.country, published: true, recommendationIds: [recommendationId] },
      'recommendationId',
    );
}

export async function enableScorecard(rally: RallyLike, owner: StaffHandle, enabled = true): Promise<void> {
  await rally.api.get(ScorecardService).setEnabled(authOf(owner), enabled);
}
