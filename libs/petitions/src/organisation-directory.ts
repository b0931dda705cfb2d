import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { OrgScope } from '#rally/core';
import { Permission, PERMISSION_MATRIX } from '#rally/core';
import { Membership, Organisation, StaffUser } from '#rally/organisations';

export interface OrganisationSummary {
  name: string;
  country: string | null;
  defaultLanguage: string;
}

/** What petitions need to know about an organisation: its public name and country, and the staff to notify. */
@Injectable()
export class OrganisationDirectory {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async summary(scope: OrgScope, manager: EntityManager = this.db.manager): Promise<OrganisationSummary> {
    const org = await manager.getRepository(Organisation).findOneBy({ id: scope.organisationId });
    return org
      ? { name: org.name, country: org.country, defaultLanguage: org.defaultLanguage }
      : { name: 'Rally', country: null, defaultLanguage: 'en' };
  }

  /** Staff whose role may manage petitions: they hear about milestones and closings. */
  async petitionStaffEmails(scope: OrgScope, manager: EntityManager = this.db.manager): Promise<string[]> {
    const rows = await manager
      .getRepository(StaffUser)
      .createQueryBuilder('u')
      .innerJoin(Membership, 'm', 'm.user_id = u.id')
      .where('m.organization_id = :org', { org: scope.organisationId })
      .andWhere('m.role IN (:...roles)', { roles: [...PERMISSION_MATRIX[Permission.PetitionsManage]] })
      .select('u.email', 'email')
      .orderBy('u.email')
      .getRawMany<{ email: string }>();
    return rows.map((r) => r.email);
  }
}
