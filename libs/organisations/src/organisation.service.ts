import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthContext, OrgScope } from '#rally/core';
import { NotFoundError } from '#rally/core';
import { AuditLog } from './audit/audit-log.service.js';
import type { OrganizationUpdateDto } from './dto/organization.dto.js';
import { Organization } from './entities/organization.entity.js';

/** The organisation's own settings. */
@Injectable()
export class OrganisationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async get(scope: OrgScope): Promise<Organization> {
    const organization = await this.db.getRepository(Organization).findOneBy({ id: scope.organizationId });
    if (!organization) throw new NotFoundError('Organisation');
    return organization;
  }

  async update(auth: AuthContext, changes: OrganizationUpdateDto): Promise<Organization> {
    return this.db.transaction(async (tx) => {
      await tx.getRepository(Organization).update({ id: auth.organizationId }, { ...changes });
      await this.audit.record(
        auth,
        {
          action: 'organisation.update',
          objectType: 'organisation',
          objectId: auth.organizationId,
          details: { fields: Object.keys(changes) },
        },
        tx,
      );
      return tx.getRepository(Organization).findOneByOrFail({ id: auth.organizationId });
    });
  }

  async setSendingAddress(auth: AuthContext, sendingAddress: string | null): Promise<Organization> {
    return this.db.transaction(async (tx) => {
      await tx.getRepository(Organization).update({ id: auth.organizationId }, { sendingAddress });
      await this.audit.record(
        auth,
        {
          action: 'mail-settings.update',
          objectType: 'organisation',
          objectId: auth.organizationId,
          details: { sendingAddress },
        },
        tx,
      );
      return tx.getRepository(Organization).findOneByOrFail({ id: auth.organizationId });
    });
  }
}
