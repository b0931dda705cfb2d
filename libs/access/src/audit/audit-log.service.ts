import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { AuthContext, OrgScope } from '../auth-context.js';
import { AuditEvent } from './audit-event.entity.js';

export interface AuditEntry {
  action: string;
  objectType: string;
  objectId?: string | null;
  details?: Record<string, unknown>;
}

/** Who did what, in which organisation, from where. Rows are only ever inserted (the table refuses UPDATE/DELETE). */
@Injectable()
export class AuditLog {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Pass the transaction's manager so the entry commits (or not) with the change it describes. */
  async record(auth: AuthContext, entry: AuditEntry, manager: EntityManager = this.db.manager): Promise<void> {
    const row: Partial<AuditEvent> = {
      organisationId: auth.organisationId,
      actorKind: auth.actor.kind,
      actorUserId: auth.actor.kind === 'user' ? auth.actor.userId : null,
      actorTokenId: auth.actor.kind === 'token' ? auth.actor.tokenId : null,
      action: entry.action,
      objectType: entry.objectType,
      objectId: entry.objectId ?? null,
      details: entry.details ?? null,
      ip: auth.ip ?? null,
    };
    await manager.getRepository(AuditEvent).save(manager.getRepository(AuditEvent).create(row));
  }

  /** Newest first, keyset-paginated by time so deep pages stay cheap. */
  async list(scope: OrgScope, options: { limit: number; before?: Date }): Promise<AuditEvent[]> {
    const query = this.db
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .where('e.organization_id = :org', { org: scope.organisationId })
      .orderBy('e.at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(options.limit);
    if (options.before) query.andWhere('e.at < :before', { before: options.before });
    return query.getMany();
  }
}
