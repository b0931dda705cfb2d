import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { OrgScope } from '#rally/access';
import { sqlOne, sqlRows } from '#rally/core';
import type { FollowUpResponseDto } from './dto/follow-up.dto.js';
import type { FollowUpStatus } from './entities/follow-up.entity.js';

export interface FollowUpListQuery {
  ownerId?: string;
  status?: FollowUpStatus;
  overdue?: boolean;
  dueFrom?: string;
  dueTo?: string;
  campaignId?: string;
  targetId?: string;
  recommendationCode?: string;
  limit: number;
  offset: number;
}

interface Row {
  id: string;
  title: string;
  note: string;
  due_on: string;
  status: FollowUpStatus;
  overdue: boolean;
  owner_id: string;
  owner_name: string | null;
  owner_is_member: boolean;
  campaign_id: string | null;
  campaign_name: string | null;
  created_by: string | null;
  closed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

// $1 the organisation, $2 now: "overdue" is open and before the organisation's local day of the clock's now.
const LOCAL_TODAY = `(($2::timestamptz) AT TIME ZONE o.time_zone)::date`;
const SELECT = `SELECT f.id, f.title, f.note, to_char(f.due_on, 'YYYY-MM-DD') AS due_on, f.status,
       (f.status = 'open' AND f.due_on < ${LOCAL_TODAY}) AS overdue,
       f.owner_id, u.name AS owner_name, (m.id IS NOT NULL) AS owner_is_member,
       f.campaign_id, c.name AS campaign_name, f.created_by, f.closed_at, f.created_at, f.updated_at
  FROM follow_ups f
  JOIN organization o ON o.id = f.organization_id
  LEFT JOIN staff_user u ON u.id = f.owner_id
  LEFT JOIN membership m ON m.organization_id = f.organization_id AND m.user_id = f.owner_id
  LEFT JOIN campaigns c ON c.id = f.campaign_id`;

/** Follow-ups as staff read them: each with its owner's name and its links, the soonest due first. */
@Injectable()
export class FollowUpRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(
    scope: OrgScope,
    now: Date,
    query: FollowUpListQuery,
  ): Promise<{ items: FollowUpResponseDto[]; total: number }> {
    const params: unknown[] = [scope.organisationId, now];
    const where = ['f.organization_id = $1'];
    const add = (sql: (p: string) => string, value: unknown): void => {
      if (value === undefined) return;
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    add((p) => `f.owner_id = ${p}`, query.ownerId);
    add((p) => `f.status = ${p}`, query.status);
    add((p) => `f.due_on >= ${p}`, query.dueFrom);
    add((p) => `f.due_on <= ${p}`, query.dueTo);
    add((p) => `f.campaign_id = ${p}`, query.campaignId);
    add(
      (p) => `EXISTS (SELECT 1 FROM follow_up_targets x WHERE x.follow_up_id = f.id AND x.target_id = ${p})`,
      query.targetId,
    );
    add(
      (p) => `EXISTS (SELECT 1 FROM follow_up_recommendations x JOIN recommendations r ON r.id = x.recommendation_id
                       WHERE x.follow_up_id = f.id AND r.code = ${p})`,
      query.recommendationCode,
    );
    if (query.overdue !== undefined)
      where.push(`${query.overdue ? '' : 'NOT '}(f.status = 'open' AND f.due_on < ${LOCAL_TODAY})`);
    const filter = where.join(' AND ');
    const n = params.length;
    const [{ total }, rows] = await Promise.all([
      // $2 (now) is named even without the overdue filter: PostgreSQL refuses a parameter it cannot type.
      sqlOne<{ total: number }>(
        this.db,
        `SELECT count(*)::int AS total FROM follow_ups f JOIN organization o ON o.id = f.organization_id
          WHERE ${filter} AND $2::timestamptz IS NOT NULL`,
        params,
      ),
      sqlRows<Row>(
        this.db,
        `${SELECT} WHERE ${filter} ORDER BY f.due_on, f.created_at, f.id LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...params, query.limit, query.offset],
      ),
    ]);
    return { items: await this.withLinks(scope, rows), total };
  }

  async find(
    scope: OrgScope,
    now: Date,
    id: string,
    manager: EntityManager = this.db.manager,
  ): Promise<FollowUpResponseDto | null> {
    const rows = await sqlRows<Row>(manager, `${SELECT} WHERE f.organization_id = $1 AND f.id = $3`, [
      scope.organisationId,
      now,
      id,
    ]);
    return (await this.withLinks(scope, rows, manager))[0] ?? null;
  }

  private async withLinks(
    scope: OrgScope,
    rows: Row[],
    manager: EntityManager = this.db.manager,
  ): Promise<FollowUpResponseDto[]> {
    if (rows.length === 0) return [];
    const params = [scope.organisationId, rows.map((r) => r.id)];
    const [recommendations, targets, responses] = await Promise.all([
      sqlRows<{ follow_up_id: string; id: string; code: string; title: string }>(
        manager,
        `SELECT x.follow_up_id, r.id, r.code, r.title FROM follow_up_recommendations x
           JOIN recommendations r ON r.id = x.recommendation_id
          WHERE x.organization_id = $1 AND x.follow_up_id = ANY($2::uuid[]) ORDER BY r.code`,
        params,
      ),
      sqlRows<{ follow_up_id: string; id: string; name: string }>(
        manager,
        `SELECT x.follow_up_id, t.id, t.name FROM follow_up_targets x JOIN targets t ON t.id = x.target_id
          WHERE x.organization_id = $1 AND x.follow_up_id = ANY($2::uuid[]) ORDER BY t.name, t.id`,
        params,
      ),
      sqlRows<{ follow_up_id: string; id: string; occurred_on: string; target_name: string; stance: string | null }>(
        manager,
        `SELECT x.follow_up_id, r.id, to_char(r.occurred_on, 'YYYY-MM-DD') AS occurred_on, t.name AS target_name,
                r.stance
           FROM follow_up_responses x JOIN responses r ON r.id = x.response_id JOIN targets t ON t.id = r.target_id
          WHERE x.organization_id = $1 AND x.follow_up_id = ANY($2::uuid[]) ORDER BY r.occurred_on, r.id`,
        params,
      ),
    ]);
    const of = <T extends { follow_up_id: string }>(list: T[], id: string): T[] =>
      list.filter((x) => x.follow_up_id === id);
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      note: r.note,
      dueOn: r.due_on,
      status: r.status,
      overdue: r.overdue,
      ownerId: r.owner_id,
      ownerName: r.owner_name ?? '',
      ownerIsMember: r.owner_is_member,
      campaignId: r.campaign_id,
      campaignName: r.campaign_name,
      recommendations: of(recommendations, r.id).map((x) => ({ id: x.id, code: x.code, title: x.title })),
      targets: of(targets, r.id).map((x) => ({ id: x.id, name: x.name })),
      responses: of(responses, r.id).map((x) => ({
        id: x.id,
        occurredOn: x.occurred_on,
        targetName: x.target_name,
        stance: x.stance,
      })),
      createdBy: r.created_by,
      closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
      createdAt: new Date(r.created_at).toISOString(),
      updatedAt: new Date(r.updated_at).toISOString(),
    }));
  }
}
