import { randomBytes } from 'node:crypto';
import { FormStamp } from '#rally/core';
import { TEST_SECRET_KEY } from '#rally-testing/core';
import { CampaignService } from '#rally/campaigns';
import type { RallyLike, StaffHandle } from '#rally-testing/organisations';
import { authOf } from '#rally-testing/organisations';
import type { PetitionCreateDto } from '../dto/petition.dto.js';
import type { Petition } from '../entities/petition.entity.js';
import type { PetitionAction } from '../staff/petition.service.js';
import { PetitionService } from '../staff/petition.service.js';

const unique = (): string => randomBytes(4).toString('hex');

export { authOf };

export async function aCampaign(rally: RallyLike, staff: StaffHandle, name = `Campaign ${unique()}`): Promise<string> {
  return (await rally.api.get(CampaignService).create(authOf(staff), { name })).id;
}

/** A petition of the staff member's organisation, open unless `status` says otherwise. */
export async function aPetition(
  rally: RallyLike,
  staff: StaffHandle,
  overrides: Partial<PetitionCreateDto> & { status?: 'draft' | 'open' | 'closed' } = {},
): Promise<Petition> {
  const { status = 'open', ...fields } = overrides;
  const service = rally.api.get(PetitionService);
  const auth = authOf(staff);
  const petition = await service.create(auth, {
    campaignId: fields.campaignId ?? (await aCampaign(rally, staff)),
    slug: `petition-${unique()}`,
    title: 'Free the children',
    ask: 'We ask the minister to end the detention of children.',
    goal: 100,
    language: 'en',
    ...fields,
  });
  const steps: PetitionAction[] = status === 'draft' ? [] : status === 'open' ? ['open'] : ['open', 'close'];
  for (const step of steps) await service.transition(auth, petition.id, step);
  return service.get(auth, petition.id);
}

/** A complete, valid sign form; the time-to-fill check sees a form opened ten seconds ago. */
export function aSignForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    firstName: 'Ana',
    lastName: 'Lima',
    email: `ana.${unique()}@example.org`,
    country: 'FR',
    region: 'Bretagne',
    postcode: '29200',
    startedAt: new FormStamp(TEST_SECRET_KEY).issue(Date.now() - 10_000),
    consent: 'on',
    publicDisplay: 'on',
    ...overrides,
  };
}
