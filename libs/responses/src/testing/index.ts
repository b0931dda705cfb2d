import type { RallyLike, StaffHandle } from '#rally-testing/organisations';
import { authOf } from '#rally-testing/organisations';
import { aTarget } from '#rally-testing/targets';
import type { ResponseCreateDto, ResponseResponse } from '../dto/response.dto.js';
import { ResponseService } from '../response.service.js';

/** A meeting a coordinator logged with a new target of the organisation, recorded as partially committed. */
export async function aResponse(
  rally: RallyLike,
  owner: StaffHandle,
  overrides: Partial<ResponseCreateDto> = {},
): Promise<ResponseResponse> {
  const targetId = overrides.targetId ?? (await aTarget(rally, owner)).id;
  return rally.api.get(ResponseService).create(authOf(owner), {
    targetId,
    occurredOn: '2026-06-03',
    channel: 'meeting',
    stance: 'partially-committed',
    summary: 'The minister agreed to review the detention of children in waiting zones.',
    ...overrides,
  });
}

/** A request body for POST .../responses, with overrides (null and undefined included, for validation tests). */
export const aResponseBody = (targetId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  targetId,
  occurredOn: '2026-06-03',
  channel: 'public-statement',
  stance: 'committed',
  summary: 'The minister announced an end to the detention of children in waiting zones.',
  evidence: [{ url: 'https://justice.example.gov/press/2026-06-03', supports: 'the announcement' }],
  ...overrides,
});
