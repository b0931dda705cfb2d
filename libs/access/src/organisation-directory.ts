import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { AuthContext, OrgScope } from './auth-context.js';
import { Membership } from './entities/membership.entity.js';
import { Organisation } from './entities/organisation.entity.js';
import { StaffUser } from './entities/staff-user.entity.js';
import type { Permission } from './permissions.js';

export interface OrganisationSummary {
  name: string;
  country: string | null;
  defaultLanguage: string;
  /** From-address of the organisation's mail; null means the installation's MAIL_FROM. */
  sendingAddress: string | null;
  /** IANA time zone: days and schedules shown to staff are counted in it. */
  timeZone: string;
}

/** What features need to know about an organisation without reaching into the organisations library. */
@Injectable()
export class OrganisationDirectory {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async summary(scope: OrgScope, manager: EntityManager = this.db.manager): Promise<OrganisationSummary> {
    const org = await manager.getRepository(Organisation).findOneBy({ id: scope.organisationId });
    return org
      ? {
          name: org.name,
          country: org.country,
          defaultLanguage: org.defaultLanguage,
          sendingAddress: org.sendingAddress,
          timeZone: org.timeZone,
        }
      : { name: 'Rally', country: null, defaultLanguage: 'en', sendingAddress: null, timeZone: 'UTC' };
  }

  /** The signed-in member's own address; null for an API token, which has none. */
  async memberEmail(auth: AuthContext, manager: EntityManager = this.db.manager): Promise<string | null> {
    if (auth.actor.kind !== 'user') return null;
    const user = await manager.getRepository(StaffUser).findOneBy({ id: auth.actor.userId });
    return user?.email ?? null;
  }

  /** Addresses of the members whose role has `permission`: who hears about what that permission manages. */
  async staffEmailsWith(
    scope: OrgScope,
    permission: Permission,
    manager: EntityManager = this.db.manager,
  ): Promise<string[]> {
    const rows = await manager
      .getRepository(StaffUser)
      .createQueryBuilder('u')
      .innerJoin(Membership, 'm', 'm.user_id = u.id')
      .where('m.organization_id = :org', { org: scope.organisationId })
      .andWhere('m.role IN (:...roles)', { roles: [...permission.roles] })
      .select('u.email', 'email')
      .orderBy('u.email')
      .getRawMany<{ email: string }>();
    return rows.map((r) => r.email);
  }
}
