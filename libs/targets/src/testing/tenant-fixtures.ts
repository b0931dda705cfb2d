import type { RallyLike, StaffHandle, TenantFixture } from '#rally-testing/organisations';
import type { Target } from '../entities/target.entity.js';
import { TargetImportService } from '../import/target-import.service.js';
import { aResponsibility, aTarget, anAreaLookup } from './index.js';

// One target per organisation for every fixture: the walk fills {targetId} and {emailId} of
// /targets/{targetId}/emails/{emailId} independently, so the address must belong to that same target.
const targets = new Map<string, Promise<Target>>();
const targetOf = (rally: RallyLike, owner: StaffHandle): Promise<Target> => {
  let target = targets.get(owner.organisation.id);
  if (!target) {
    target = aTarget(rally, owner, { emails: ['first@fixture.example.gov', 'second@fixture.example.gov'] });
    targets.set(owner.organisation.id, target);
  }
  return target;
};

/** Objects of the target directory that staff routes address by id; the cross-tenant test makes them in another org. */
export const tenantFixtures: TenantFixture[] = [
  { param: 'targetId', create: async (rally, owner) => (await targetOf(rally, owner)).id },
  { param: 'emailId', create: async (rally, owner) => (await targetOf(rally, owner)).emails?.[0]?.id ?? '' },
  {
    param: 'responsibilityId',
    create: async (rally, owner) =>
      (await aResponsibility(rally, owner, { targetId: (await targetOf(rally, owner)).id })).id,
  },
  { param: 'areaLookupId', create: async (rally, owner) => (await anAreaLookup(rally, owner)).id },
  {
    param: 'importId',
    create: async (rally, owner) =>
      (
        await rally.api.get(TargetImportService).upload(
          {
            organisationId: owner.organisation.id,
            role: owner.membership.role,
            actor: { kind: 'user', userId: owner.user.id, sessionId: 'test' },
          },
          { kind: 'targets', fileName: 'fixture.csv' },
          [Buffer.from('name,kind,country,language,emails\r\nJane Doe,minister,FR,fr,jane@justice.example.gov\r\n')],
        )
      ).id,
  },
];
