import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthContext, OrgScope } from '#rally/access';
import { NotFoundError } from '#rally/core';
import { AuditLog, Organisation } from '#rally/access';
import type { OrganisationUpdateDto } from './dto/organisation.dto.js';

/** The organisation's own settings. */
@Injectable()
export class OrganisationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async get(scope: OrgScope): Promise<Organisation> {
    const organisation = await this.db.getRepository(Organisation).findOneBy({ id: scope.organisationId });
    if (!organisation) throw new NotFoundError('Organisation');
    return organisation;
  }

  async update(auth: AuthContext, changes: OrganisationUpdateDto): Promise<Organisation> {
    return this.db.transaction(async (tx) => {
      await tx.getRepository(Organisation).update({ id: auth.organisationId }, { ...changes });
      await this.audit.record(
        auth,
        {
          action: 'organisation.update',
          objectType: 'organisation',
          objectId: auth.organisationId,
          details: { fields: Object.keys(changes) },
        },
        tx,
      );
      return tx.getRepository(Organisation).findOneByOrFail({ id: auth.organisationId });
    });
  }

  async setSendingAddress(auth: AuthContext, sendingAddress: string | null): Promise<Organisation> {
    return this.db.transaction(async (tx) => {
      await tx.getRepository(Organisation).update({ id: auth.organisationId }, { sendingAddress });
      await this.audit.record(
        auth,
        {
          action: 'mail-settings.update',
          objectType: 'organisation',
          objectId: auth.organisationId,
          details: { sendingAddress },
        },
        tx,
      );
      return tx.getRepository(Organisation).findOneByOrFail({ id: auth.organisationId });
    });
  }
}
