import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { AuthContext, OrgScope } from '#rally/access';
import { AuditLog } from '#rally/access';
import { Clock, NotFoundError, sqlRow, sqlRows } from '#rally/core';
import { RecommendationService } from '#rally/recommendations';
import type { ResponseCreateDto, ResponseResponse, ResponseUpdateDto } from './dto/response.dto.js';
import { ResponseLetter, ResponseMessage, ResponseRecommendation } from './entities/response-link.entity.js';
import { TargetResponse } from './entities/target-response.entity.js';
import type { ResponseListQuery } from './response.repository.js';
import { ResponseRepository } from './response.repository.js';
import { ResponseChangeHooks } from './response-change-hooks.js';
import {
  ResponseLinkUnknownError,
  ResponseStanceRequiredError,
  ResponseTargetMismatchError,
} from './responses.exception.js';

interface Links {
  recommendationIds: string[];
  letterIds: string[];
  messageIds: string[];
}

/** The response log: coordinators record what targets answered and classify the drafts captured replies made. */
@Injectable()
export class ResponseService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repository: ResponseRepository,
    private readonly recommendations: RecommendationService,
    private readonly audit: AuditLog,
    private readonly changes: ResponseChangeHooks,
    private readonly clock: Clock,
  ) {}

  list(scope: OrgScope, query: ResponseListQuery): Promise<{ items: ResponseResponse[]; total: number }> {
    return this.repository.list(scope, query);
  }

  /** Another organisation's response is indistinguishable from a missing one. */
  async get(scope: OrgScope, id: string, manager?: EntityManager): Promise<ResponseResponse> {
    const found = await this.repository.find(scope, id, manager);
    if (!found) throw new NotFoundError('Response');
    return found;
  }

  async create(auth: AuthContext, input: ResponseCreateDto): Promise<ResponseResponse> {
    const status = input.status ?? 'recorded';
    const stance = input.stance ?? null;
    if (status === 'recorded' && !stance) throw new ResponseStanceRequiredError();
    const links: Links = {
      recommendationIds: input.recommendationIds ?? [],
      letterIds: input.letterIds ?? [],
      messageIds: input.messageIds ?? [],
    };
    const id = await this.db.transaction(async (manager) => {
      await this.assertOwn(auth, 'targets', 'targetId', input.targetId, manager);
      if (input.campaignId) await this.assertOwn(auth, 'campaigns', 'campaignId', input.campaignId, manager);
      await this.assertLinks(auth, input.targetId, links, manager);
      const row = await manager.save(
        manager.create(TargetResponse, {
          organisationId: auth.organisationId,
          targetId: input.targetId,
          campaignId: input.campaignId ?? null,
          occurredOn: input.occurredOn,
          channel: input.channel,
          stance,
          summary: (input.summary ?? '').trim(),
          status,
          origin: 'staff',
          evidence: evidenceOf(input.evidence ?? []),
          sourceMessageId: null,
          recordedAt: status === 'recorded' ? this.clock.now() : null,
        }),
      );
      await this.writeLinks(auth, row.id, links, manager);
      await this.changes.run(
        { organisationId: auth.organisationId, responseId: row.id, before: null, after: row },
        manager,
      );
      await this.audit.record(
        auth,
        { action: 'response.create', objectType: 'response', objectId: row.id, details: { status } },
        manager,
      );
      return row.id;
    });
    return this.get(auth, id);
  }

  /** Edits and classification: a draft becomes recorded once it has a stance. */
  async update(auth: AuthContext, id: string, input: ResponseUpdateDto): Promise<ResponseResponse> {
    await this.db.transaction(async (manager) => {
      const before = await this.locked(auth, id, manager);
      const changes: Partial<TargetResponse> = {};
      if (input.targetId !== undefined) changes.targetId = input.targetId;
      if (input.campaignId !== undefined) changes.campaignId = input.campaignId;
      if (input.occurredOn !== undefined) changes.occurredOn = input.occurredOn;
      if (input.channel !== undefined) changes.channel = input.channel;
      if (input.stance !== undefined) changes.stance = input.stance;
      if (input.summary !== undefined) changes.summary = input.summary.trim();
      if (input.status !== undefined) changes.status = input.status;
      if (input.evidence !== undefined) changes.evidence = evidenceOf(input.evidence);
      const after = { ...before, ...changes };
      if (after.status === 'recorded' && !after.stance) throw new ResponseStanceRequiredError();
      if (after.status === 'recorded' && !before.recordedAt) changes.recordedAt = after.recordedAt = this.clock.now();

      if (changes.targetId) await this.assertOwn(auth, 'targets', 'targetId', changes.targetId, manager);
      if (changes.campaignId) await this.assertOwn(auth, 'campaigns', 'campaignId', changes.campaignId, manager);
      const current = await this.currentLinks(id, manager);
      const links: Links = {
        recommendationIds: input.recommendationIds ?? current.recommendationIds,
        letterIds: input.letterIds ?? current.letterIds,
        messageIds: input.messageIds ?? current.messageIds,
      };
      // Links already held are checked again only when the target moves (they must stay the target's).
      await this.assertLinks(
        auth,
        after.targetId,
        changes.targetId
          ? links
          : {
              recommendationIds: input.recommendationIds ?? [],
              letterIds: input.letterIds ?? [],
              messageIds: input.messageIds ?? [],
            },
        manager,
      );
      if (Object.keys(changes).length > 0)
        await manager.update(TargetResponse, { id, organisationId: auth.organisationId }, changes);
      const relinked = (['recommendationIds', 'letterIds', 'messageIds'] as const).filter(
        (k) => input[k] !== undefined,
      );
      if (relinked.length > 0) {
        await this.clearLinks(id, relinked, manager);
        await this.writeLinks(
          auth,
          id,
          {
            recommendationIds: input.recommendationIds ?? [],
            letterIds: input.letterIds ?? [],
            messageIds: input.messageIds ?? [],
          },
          manager,
        );
      }
      const stored = await manager.findOneByOrFail(TargetResponse, { id });
      await this.changes.run({ organisationId: auth.organisationId, responseId: id, before, after: stored }, manager);
      await this.audit.record(
        auth,
        {
          action: before.status === 'draft' && stored.status === 'recorded' ? 'response.classify' : 'response.update',
          objectType: 'response',
          objectId: id,
          details: { fields: [...Object.keys(changes).filter((k) => k !== 'recordedAt'), ...relinked] },
        },
        manager,
      );
    });
    return this.get(auth, id);
  }

  /** A draft from a captured reply may be deleted too (not a response after all); the reply itself stays. */
  async remove(auth: AuthContext, id: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const before = await this.locked(auth, id, manager);
      await manager.delete(TargetResponse, { id, organisationId: auth.organisationId });
      await this.changes.run({ organisationId: auth.organisationId, responseId: id, before, after: null }, manager);
      await this.audit.record(auth, { action: 'response.delete', objectType: 'response', objectId: id }, manager);
    });
  }

  private async locked(scope: OrgScope, id: string, manager: EntityManager): Promise<TargetResponse> {
    const row = await manager.findOne(TargetResponse, {
      where: { id, organisationId: scope.organisationId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!row) throw new NotFoundError('Response');
    return row;
  }

  private async assertOwn(
    scope: OrgScope,
    table: 'targets' | 'campaigns',
    field: string,
    id: string,
    manager: EntityManager,
  ): Promise<void> {
    const row = await sqlRow(manager, `SELECT 1 FROM ${table} WHERE organization_id = $1 AND id = $2`, [
      scope.organisationId,
      id,
    ]);
    if (!row) throw new ResponseLinkUnknownError(field, [id]);
  }

  /** Recommendations the organisation sees; letters to the target; replies of the target or from the triage queue. */
  private async assertLinks(scope: OrgScope, targetId: string, links: Links, manager: EntityManager): Promise<void> {
    if (links.recommendationIds.length > 0) {
      const found = new Set(
        (await this.recommendations.byIds(scope, links.recommendationIds, manager)).map((r) => r.id),
      );
      const missing = links.recommendationIds.filter((r) => !found.has(r));
      if (missing.length > 0) throw new ResponseLinkUnknownError('recommendationIds', missing);
    }
    for (const [field, table] of [
      ['letterIds', 'letters'],
      ['messageIds', 'inbound_messages'],
    ] as const) {
      const ids = links[field];
      if (ids.length === 0) continue;
      const rows = await sqlRows<{ id: string; target_id: string | null }>(
        manager,
        `SELECT id, target_id FROM ${table} WHERE organization_id = $1 AND id = ANY($2::uuid[])`,
        [scope.organisationId, ids],
      );
      const found = new Map(rows.map((r) => [r.id, r.target_id]));
      const missing = ids.filter((i) => !found.has(i));
      if (missing.length > 0) throw new ResponseLinkUnknownError(field, missing);
      if (rows.some((r) => r.target_id !== null && r.target_id !== targetId))
        throw new ResponseTargetMismatchError(field);
    }
  }

  private async currentLinks(id: string, manager: EntityManager): Promise<Links> {
    const [recommendations, letters, messages] = await Promise.all([
      manager.find(ResponseRecommendation, { where: { responseId: id } }),
      manager.find(ResponseLetter, { where: { responseId: id } }),
      manager.find(ResponseMessage, { where: { responseId: id } }),
    ]);
    return {
      recommendationIds: recommendations.map((r) => r.recommendationId),
      letterIds: letters.map((l) => l.letterId),
      messageIds: messages.map((m) => m.messageId),
    };
  }

  private async clearLinks(id: string, kinds: (keyof Links)[], manager: EntityManager): Promise<void> {
    if (kinds.includes('recommendationIds')) await manager.delete(ResponseRecommendation, { responseId: id });
    if (kinds.includes('letterIds')) await manager.delete(ResponseLetter, { responseId: id });
    if (kinds.includes('messageIds')) await manager.delete(ResponseMessage, { responseId: id });
  }

  private async writeLinks(scope: OrgScope, id: string, links: Links, manager: EntityManager): Promise<void> {
    const organisationId = scope.organisationId;
    if (links.recommendationIds.length > 0)
      await manager.insert(
        ResponseRecommendation,
        links.recommendationIds.map((recommendationId) => ({ responseId: id, recommendationId, organisationId })),
      );
    if (links.letterIds.length > 0)
      await manager.insert(
        ResponseLetter,
        links.letterIds.map((letterId) => ({ responseId: id, letterId, organisationId })),
      );
    if (links.messageIds.length > 0)
      await manager.insert(
        ResponseMessage,
        links.messageIds.map((messageId) => ({ responseId: id, messageId, organisationId })),
      );
  }
}

const evidenceOf = (links: { url: string; supports: string }[]): { url: string; supports: string }[] =>
  links.map((l) => ({ url: l.url.trim(), supports: l.supports.trim() }));
