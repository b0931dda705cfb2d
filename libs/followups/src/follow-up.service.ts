import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { AuthContext, OrgScope } from '#rally/access';
import { AuditLog, Role } from '#rally/access';
import { Clock, NotFoundError, sqlRow, sqlRows } from '#rally/core';
import { RecommendationService } from '#rally/recommendations';
import type {
  FollowUpCreateDto,
  FollowUpListQueryDto,
  FollowUpResponseDto,
  FollowUpUpdateDto,
} from './dto/follow-up.dto.js';
import { FollowUpRecommendation, FollowUpResponse, FollowUpTarget } from './entities/follow-up-link.entity.js';
import type { FollowUpStatus } from './entities/follow-up.entity.js';
import { FollowUp } from './entities/follow-up.entity.js';
import {
  FollowUpLinkUnknownError,
  FollowUpNeedsMemberError,
  FollowUpNotOwnerError,
  FollowUpOwnerNotMemberError,
} from './followups.exception.js';
import { FollowUpRepository } from './follow-up.repository.js';
import { FollowUpSettingsService } from './settings/follow-up-settings.service.js';
import { firstReminderOn } from './reminders/reminder-steps.js';

interface Links {
  recommendationCodes?: string[];
  targetIds?: string[];
  responseIds?: string[];
}

const LINK_KINDS = ['recommendationCodes', 'targetIds', 'responseIds'] as const;

/** Follow-up actions: coordinators plan and assign them, owners close theirs, the reminder scan nudges owners. */
@Injectable()
export class FollowUpService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repository: FollowUpRepository,
    private readonly recommendations: RecommendationService,
    private readonly settings: FollowUpSettingsService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  list(auth: AuthContext, query: FollowUpListQueryDto & { limit: number; offset: number }) {
    let ownerId = query.ownerId;
    if (query.mine) {
      if (auth.actor.kind !== 'user') throw new FollowUpNeedsMemberError('mine');
      ownerId = auth.actor.userId;
    }
    const { status, overdue, dueFrom, dueTo, campaignId, targetId, recommendationCode, limit, offset } = query;
    return this.repository.list(auth, this.clock.now(), {
      ...{ ownerId, status, overdue, dueFrom, dueTo, campaignId, targetId, recommendationCode, limit, offset },
    });
  }

  /** Another organisation's follow-up is indistinguishable from a missing one. */
  async get(scope: OrgScope, id: string, manager?: EntityManager): Promise<FollowUpResponseDto> {
    const found = await this.repository.find(scope, this.clock.now(), id, manager);
    if (!found) throw new NotFoundError('Follow-up');
    return found;
  }

  async create(auth: AuthContext, input: FollowUpCreateDto): Promise<FollowUpResponseDto> {
    const status = input.status ?? 'open';
    const id = await this.db.transaction(async (manager) => {
      await this.assertOwner(auth, input.ownerId, manager);
      if (input.campaignId) await this.assertOwn(auth, 'campaigns', 'campaignId', [input.campaignId], manager);
      await this.assertLinks(auth, input, manager);
      const daysBefore = await this.settings.daysBefore(auth, manager);
      const row = await manager.save(
        manager.create(FollowUp, {
          organisationId: auth.organisationId,
          title: input.title.trim(),
          note: (input.note ?? '').trim(),
          dueOn: input.dueOn,
          ownerId: input.ownerId,
          status,
          campaignId: input.campaignId ?? null,
          createdBy: auth.actor.kind === 'user' ? auth.actor.userId : null,
          closedAt: status === 'open' ? null : this.clock.now(),
          nextReminderOn: status === 'open' ? firstReminderOn(input.dueOn, daysBefore) : null,
        }),
      );
      await this.writeLinks(auth, row.id, input, manager);
      await this.audit.record(
        auth,
        { action: 'follow-up.create', objectType: 'follow-up', objectId: row.id, details: { ownerId: row.ownerId } },
        manager,
      );
      return row.id;
    });
    return this.get(auth, id);
  }

  async update(auth: AuthContext, id: string, input: FollowUpUpdateDto): Promise<FollowUpResponseDto> {
    await this.db.transaction(async (manager) => {
      const before = await this.locked(auth, id, manager);
      const changes: Partial<FollowUp> = {};
      if (input.title !== undefined) changes.title = input.title.trim();
      if (input.note !== undefined) changes.note = input.note.trim();
      if (input.dueOn !== undefined && input.dueOn !== before.dueOn) changes.dueOn = input.dueOn;
      if (input.ownerId !== undefined && input.ownerId !== before.ownerId) {
        await this.assertOwner(auth, input.ownerId, manager);
        changes.ownerId = input.ownerId;
      }
      if (input.campaignId !== undefined) {
        if (input.campaignId) await this.assertOwn(auth, 'campaigns', 'campaignId', [input.campaignId], manager);
        changes.campaignId = input.campaignId;
      }
      await this.assertLinks(auth, input, manager);
      Object.assign(changes, await this.statusChanges(auth, before, input.status, changes.dueOn, manager));
      if (Object.keys(changes).length > 0)
        await manager.update(FollowUp, { id, organisationId: auth.organisationId }, changes);
      const relinked = LINK_KINDS.filter((k) => input[k] !== undefined);
      await this.clearLinks(id, relinked, manager);
      await this.writeLinks(auth, id, input, manager);
      await this.audit.record(
        auth,
        {
          action: 'follow-up.update',
          objectType: 'follow-up',
          objectId: id,
          details: { fields: [...Object.keys(changes).filter((k) => !INTERNAL.has(k)), ...relinked] },
        },
        manager,
      );
    });
    return this.get(auth, id);
  }

  /** Done, cancelled or open again: the owner may, whatever their role; coordinators and admins may for anyone. */
  async setStatus(auth: AuthContext, id: string, status: FollowUpStatus): Promise<FollowUpResponseDto> {
    await this.db.transaction(async (manager) => {
      const before = await this.locked(auth, id, manager);
      const isOwner = auth.actor.kind === 'user' && auth.actor.userId === before.ownerId;
      if (!isOwner && auth.role === Role.Campaigner) throw new FollowUpNotOwnerError();
      const changes = await this.statusChanges(auth, before, status, undefined, manager);
      if (Object.keys(changes).length === 0) return;
      await manager.update(FollowUp, { id, organisationId: auth.organisationId }, changes);
      await this.audit.record(
        auth,
        { action: 'follow-up.status', objectType: 'follow-up', objectId: id, details: { from: before.status, status } },
        manager,
      );
    });
    return this.get(auth, id);
  }

  async remove(auth: AuthContext, id: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      await this.locked(auth, id, manager);
      await manager.delete(FollowUp, { id, organisationId: auth.organisationId });
      await this.audit.record(auth, { action: 'follow-up.delete', objectType: 'follow-up', objectId: id }, manager);
    });
  }

  /**
   * Status and the reminder schedule move together: closing stops reminders; reopening, or a new due day, arms them
   * again from the first step (a new due day's steps are new keys, so each is owed once more).
   */
  private async statusChanges(
    scope: OrgScope,
    before: FollowUp,
    status: FollowUpStatus | undefined,
    newDueOn: string | undefined,
    manager: EntityManager,
  ): Promise<Partial<FollowUp>> {
    const changes: Partial<FollowUp> = {};
    const after = status ?? before.status;
    if (after !== before.status) {
      changes.status = after;
      changes.closedAt = after === 'open' ? null : this.clock.now();
    }
    if (after !== 'open') {
      if (before.nextReminderOn !== null) changes.nextReminderOn = null;
    } else if (before.status !== 'open' || newDueOn !== undefined) {
      changes.nextReminderOn = firstReminderOn(
        newDueOn ?? before.dueOn,
        await this.settings.daysBefore(scope, manager),
      );
    }
    return changes;
  }

  private async locked(scope: OrgScope, id: string, manager: EntityManager): Promise<FollowUp> {
    const row = await manager.findOne(FollowUp, {
      where: { id, organisationId: scope.organisationId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!row) throw new NotFoundError('Follow-up');
    return row;
  }

  private async assertOwner(scope: OrgScope, userId: string, manager: EntityManager): Promise<void> {
    const row = await sqlRow(manager, `SELECT 1 FROM membership WHERE organization_id = $1 AND user_id = $2`, [
      scope.organisationId,
      userId,
    ]);
    if (!row) throw new FollowUpOwnerNotMemberError();
  }

  private async assertOwn(
    scope: OrgScope,
    table: 'campaigns' | 'targets' | 'responses',
    field: string,
    ids: string[],
    manager: EntityManager,
  ): Promise<void> {
    if (ids.length === 0) return;
    const rows = await sqlRows<{ id: string }>(
      manager,
      `SELECT id FROM ${table} WHERE organization_id = $1 AND id = ANY($2::uuid[])`,
      [scope.organisationId, ids],
    );
    const found = new Set(rows.map((r) => r.id));
    const missing = ids.filter((i) => !found.has(i));
    if (missing.length > 0) throw new FollowUpLinkUnknownError(field, missing);
  }

  private async assertLinks(scope: OrgScope, links: Links, manager: EntityManager): Promise<void> {
    if (links.recommendationCodes?.length)
      await this.recommendations.assertCodes(scope, 'recommendationCodes', links.recommendationCodes, manager);
    await this.assertOwn(scope, 'targets', 'targetIds', links.targetIds ?? [], manager);
    await this.assertOwn(scope, 'responses', 'responseIds', links.responseIds ?? [], manager);
  }

  private async clearLinks(id: string, kinds: (keyof Links)[], manager: EntityManager): Promise<void> {
    if (kinds.includes('recommendationCodes')) await manager.delete(FollowUpRecommendation, { followUpId: id });
    if (kinds.includes('targetIds')) await manager.delete(FollowUpTarget, { followUpId: id });
    if (kinds.includes('responseIds')) await manager.delete(FollowUpResponse, { followUpId: id });
  }

  private async writeLinks(scope: OrgScope, followUpId: string, links: Links, manager: EntityManager): Promise<void> {
    const organisationId = scope.organisationId;
    if (links.recommendationCodes?.length) {
      const byCode = await this.recommendations.byCodes(scope, links.recommendationCodes, manager);
      await manager.insert(
        FollowUpRecommendation,
        [...byCode.values()].map((r) => ({ followUpId, recommendationId: r.id, organisationId })),
      );
    }
    if (links.targetIds?.length)
      await manager.insert(
        FollowUpTarget,
        links.targetIds.map((targetId) => ({ followUpId, targetId, organisationId })),
      );
    if (links.responseIds?.length)
      await manager.insert(
        FollowUpResponse,
        links.responseIds.map((responseId) => ({ followUpId, responseId, organisationId })),
      );
  }
}

/** Columns the service keeps for itself: not "fields the member changed" in the audit entry. */
const INTERNAL = new Set(['closedAt', 'nextReminderOn']);
