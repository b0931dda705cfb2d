import { Role, hashSecret, newSecret } from '#rally/access';
import { Invitation } from '../entities/invitation.entity.js';
import type { TenantFixture } from './index.js';
import { addMember, dataSourceOf, insertApiToken } from './index.js';

/** Objects of this lib that staff routes address by id; the cross-tenant e2e test creates them in another organisation. */
export const tenantFixtures: TenantFixture[] = [
  {
    param: 'memberId',
    create: async (rally, owner) =>
      (await addMember(rally, owner.organisation, { role: Role.Campaigner })).membership.id,
  },
  {
    param: 'tokenId',
    create: async (rally, owner) => (await insertApiToken(rally, owner.organisation.id, Role.Campaigner)).id,
  },
  {
    param: 'invitationId',
    create: async (rally, owner) =>
      (
        await dataSourceOf(rally)
          .getRepository(Invitation)
          .save({
            organisationId: owner.organisation.id,
            email: `invitee-${Date.now()}@example.org`,
            role: Role.Coordinator,
            tokenHash: hashSecret(newSecret('ri')),
            invitedByUserId: owner.user.id,
            expiresAt: new Date(Date.now() + 86_400_000),
            acceptedAt: null,
            acceptedUserId: null,
            revokedAt: null,
          })
      ).id,
  },
];
