import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { sqlRows } from '#rally/core';
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

  /** Newest first, filtered, one page at a time, with who did it by name. */
  async list(scope: OrgScope, query: AuditListQuery): Promise<{ items: AuditEntryView[]; total: number }> {
    const rows = await sqlRows<AuditRow>(
      this.db,
      `SELECT e.id, e.at, e.actor_kind, e.actor_user_id, e.actor_token_id, e.action, e.object_type, e.object_id, e.details, e.ip,
              COALESCE(u.name, t.name, 'unknown') AS actor_name, count(*) OVER ()::int AS total
       FROM audit_event e
       LEFT JOIN staff_user u ON u.id = e.actor_user_id
       LEFT JOIN api_token t ON t.id = e.actor_token_id
       WHERE e.organization_id = $1
         AND ($2::text IS NULL OR e.action = $2 OR (right($2, 1) = '.' AND starts_with(e.action, $2)))
         AND ($3::text IS NULL OR e.object_type = $3)
         AND ($4::uuid IS NULL OR e.actor_user_id = $4)
         AND ($5::timestamptz IS NULL OR e.at >= $5)
         AND ($6::timestamptz IS NULL OR e.at < $6)
       ORDER BY e.at DESC, e.id DESC LIMIT $7 OFFSET $8`,
      [
        scope.organisationId,
        query.action ?? null,
        query.objectType ?? null,
        query.actorUserId ?? null,
        query.since ?? null,
        query.until ?? null,
        query.limit,
        query.offset,
      ],
    );
    const total =
      rows[0]?.total ?? (query.offset > 0 ? (await this.list(scope, { ...query, offset: 0, limit: 1 })).total : 0);
    const items = rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorKind: r.actor_kind,
      actorUserId: r.actor_user_id,
      actorTokenId: r.actor_token_id,
      actorName: r.actor_name,
      action: r.action,
      objectType: r.object_type,
      objectId: r.object_id,
      details: r.details,
      ip: r.ip,
    }));
    return { items, total };
  }
}

export interface AuditListQuery {
  /** An action, or the start of one ending in a dot (`petition.`). */
  action?: string;
  objectType?: string;
  actorUserId?: string;
  since?: string;
  until?: string;
  limit: number;
  offset: number;
}

/** One audit event as staff read it: who by name, not just by id. */
export interface AuditEntryView {
  id: string;
  at: Date;
  actorKind: 'user' | 'token';
  actorUserId: string | null;
  actorTokenId: string | null;
  actorName: string;
  action: string;
  objectType: string;
  objectId: string | null;
  details: Record<string, unknown> | null;
  ip: string | null;
}

interface AuditRow {
  id: string;
  at: Date;
  actor_kind: 'user' | 'token';
  actor_user_id: string | null;
  actor_token_id: string | null;
  actor_name: string;
  action: string;
  object_type: string;
  object_id: string | null;
  details: Record<string, unknown> | null;
  ip: string | null;
  total: number;
}
