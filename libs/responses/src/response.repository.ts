import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { OrgScope } from '#rally/access';
import { sqlOne, sqlRows } from '#rally/core';
import type { ResponseResponse } from './dto/response.dto.js';
import type {
  ResponseChannel,
  ResponseEvidenceLink,
  ResponseOrigin,
  ResponseStance,
  ResponseStatus,
} from './entities/target-response.entity.js';

export interface ResponseListQuery {
  targetId?: string;
  campaignId?: string;
  stance?: ResponseStance;
  channel?: ResponseChannel;
  status?: ResponseStatus;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

interface Row {
  id: string;
  target_id: string;
  target_name: string;
  campaign_id: string | null;
  campaign_name: string | null;
  occurred_on: string;
  channel: ResponseChannel;
  stance: ResponseStance | null;
  summary: string;
  status: ResponseStatus;
  origin: ResponseOrigin;
  source_message_id: string | null;
  evidence: ResponseEvidenceLink[];
  recorded_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `SELECT r.id, r.target_id, t.name AS target_name, r.campaign_id, c.name AS campaign_name,
       to_char(r.occurred_on, 'YYYY-MM-DD') AS occurred_on, r.channel, r.stance, r.summary, r.status, r.origin,
       r.source_message_id, r.evidence, r.recorded_at, r.created_at, r.updated_at
  FROM responses r JOIN targets t ON t.id = r.target_id LEFT JOIN campaigns c ON c.id = r.campaign_id`;

/** The log as staff read it: each response with the names of what it links to, drafts to classify first. */
@Injectable()
export class ResponseRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(scope: OrgScope, query: ResponseListQuery): Promise<{ items: ResponseResponse[]; total: number }> {
    const params: unknown[] = [scope.organisationId];
    const where = ['r.organization_id = $1'];
    const add = (column: string, op: string, value: unknown): void => {
      if (value === undefined) return;
      params.push(value);
      where.push(`${column} ${op} $${params.length}`);
    };
    add('r.target_id', '=', query.targetId);
    add('r.campaign_id', '=', query.campaignId);
    add('r.stance', '=', query.stance);
    add('r.channel', '=', query.channel);
    add('r.status', '=', query.status);
    add('r.occurred_on', '>=', query.from);
    add('r.occurred_on', '<=', query.to);
    const filter = where.join(' AND ');
    const n = params.length;
    const [{ total }, rows] = await Promise.all([
      sqlOne<{ total: number }>(this.db, `SELECT count(*)::int AS total FROM responses r WHERE ${filter}`, params),
      sqlRows<Row>(
        this.db,
        `${SELECT} WHERE ${filter}
          ORDER BY r.status = 'draft' DESC, r.occurred_on DESC, r.created_at DESC, r.id
          LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...params, query.limit, query.offset],
      ),
    ]);
    return { items: await this.withLinks(scope, rows), total };
  }

  async find(scope: OrgScope, id: string, manager: EntityManager = this.db.manager): Promise<ResponseResponse | null> {
    const rows = await sqlRows<Row>(manager, `${SELECT} WHERE r.organization_id = $1 AND r.id = $2`, [
      scope.organisationId,
      id,
    ]);
    return (await this.withLinks(scope, rows, manager))[0] ?? null;
  }

  private async withLinks(
    scope: OrgScope,
    rows: Row[],
    manager: EntityManager = this.db.manager,
  ): Promise<ResponseResponse[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const params = [scope.organisationId, ids];
    const [recommendations, letters, messages] = await Promise.all([
      sqlRows<{ response_id: string; id: string; code: string; title: string }>(
        manager,
        `SELECT x.response_id, rec.id, rec.code, rec.title FROM response_recommendations x
           JOIN recommendations rec ON rec.id = x.recommendation_id
          WHERE x.organization_id = $1 AND x.response_id = ANY($2::uuid[]) ORDER BY rec.code`,
        params,
      ),
      sqlRows<{ response_id: string; id: string; subject: string; sent_at: Date | null }>(
        manager,
        `SELECT x.response_id, l.id, l.subject, l.handed_at AS sent_at FROM response_letters x
           JOIN letters l ON l.id = x.letter_id
          WHERE x.organization_id = $1 AND x.response_id = ANY($2::uuid[]) ORDER BY l.handed_at NULLS LAST, l.id`,
        params,
      ),
      sqlRows<{
        response_id: string;
        id: string;
        subject: string | null;
        from_address: string | null;
        received_at: Date;
      }>(
        manager,
        `SELECT x.response_id, m.id, m.subject, m.from_address, m.received_at FROM response_messages x
           JOIN inbound_messages m ON m.id = x.message_id
          WHERE x.organization_id = $1 AND x.response_id = ANY($2::uuid[]) ORDER BY m.received_at, m.id`,
        params,
      ),
    ]);
    const of = <T extends { response_id: string }>(list: T[], id: string): T[] =>
      list.filter((x) => x.response_id === id);
    return rows.map((r) => ({
      id: r.id,
      targetId: r.target_id,
      targetName: r.target_name,
      campaignId: r.campaign_id,
      campaignName: r.campaign_name,
      occurredOn: r.occurred_on,
      channel: r.channel,
      stance: r.stance,
      summary: r.summary,
      status: r.status,
      origin: r.origin,
      sourceMessageId: r.source_message_id,
      recommendations: of(recommendations, r.id).map((x) => ({ id: x.id, code: x.code, title: x.title })),
      letters: of(letters, r.id).map((x) => ({
        id: x.id,
        subject: x.subject,
        sentAt: x.sent_at ? new Date(x.sent_at).toISOString() : null,
      })),
      messages: of(messages, r.id).map((x) => ({
        id: x.id,
        subject: x.subject ?? '',
        fromAddress: x.from_address,
        receivedAt: new Date(x.received_at).toISOString(),
      })),
      evidence: r.evidence.map((e) => ({ url: e.url, supports: e.supports })),
      recordedAt: r.recorded_at ? new Date(r.recorded_at).toISOString() : null,
      createdAt: new Date(r.created_at).toISOString(),
      updatedAt: new Date(r.updated_at).toISOString(),
    }));
  }
}
