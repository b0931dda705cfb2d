import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { AuthContext, OrgScope } from '#rally/access';
import { AuditLog } from '#rally/access';
import { NotFoundError, sqlOne, sqlRow, sqlRows } from '#rally/core';
import type {
  EscalationRuleCreateDto,
  EscalationRuleResponse,
  EscalationRuleUpdateDto,
  EscalationRunResponse,
} from '../dto/escalation-rule.dto.js';
import { EscalationRule } from '../entities/escalation-rule.entity.js';
import {
  EscalationActionNotDraftError,
  EscalationFieldRequiredError,
  EscalationRuleInUseError,
  FollowUpLinkUnknownError,
  FollowUpOwnerNotMemberError,
} from '../followups.exception.js';

const SELECT = `SELECT r.*, c.name AS campaign_name, u.name AS owner_name, a.title AS letter_action_title,
       (SELECT count(*)::int FROM escalation_runs x WHERE x.rule_id = r.id) AS runs
  FROM escalation_rules r JOIN campaigns c ON c.id = r.campaign_id
  LEFT JOIN staff_user u ON u.id = r.owner_id LEFT JOIN letter_actions a ON a.id = r.letter_action_id`;

interface Row {
  id: string;
  campaign_id: string;
  campaign_name: string;
  name: string;
  days: number;
  target_ids: string[] | null;
  action: EscalationRule['action'];
  owner_id: string | null;
  owner_name: string | null;
  follow_up_title: string | null;
  follow_up_due_days: number;
  letter_action_id: string | null;
  letter_action_title: string | null;
  enabled: boolean;
  runs: number;
  created_at: Date;
  updated_at: Date;
}

/** Escalation rules per campaign (coordinators write them) and the history of what each did. */
@Injectable()
export class EscalationRuleService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async list(
    scope: OrgScope,
    query: { campaignId?: string; limit: number; offset: number },
  ): Promise<{ items: EscalationRuleResponse[]; total: number }> {
    const params: unknown[] = [scope.organisationId];
    let where = 'r.organization_id = $1';
    if (query.campaignId) where += ` AND r.campaign_id = $${params.push(query.campaignId)}`;
    const [{ total }, rows] = await Promise.all([
      sqlOne<{ total: number }>(
        this.db,
        `SELECT count(*)::int AS total FROM escalation_rules r WHERE ${where}`,
        params,
      ),
      sqlRows<Row>(
        this.db,
        `${SELECT} WHERE ${where} ORDER BY c.name, r.days, r.created_at, r.id
          LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, query.limit, query.offset],
      ),
    ]);
    return { items: rows.map(view), total };
  }

  async get(scope: OrgScope, id: string, manager: EntityManager = this.db.manager): Promise<EscalationRuleResponse> {
    const row = await sqlRow<Row>(manager, `${SELECT} WHERE r.organization_id = $1 AND r.id = $2`, [
      scope.organisationId,
      id,
    ]);
    if (!row) throw new NotFoundError('Escalation rule');
    return view(row);
  }

  async create(auth: AuthContext, input: EscalationRuleCreateDto): Promise<EscalationRuleResponse> {
    const id = await this.db.transaction(async (manager) => {
      const rule = manager.create(EscalationRule, {
        organisationId: auth.organisationId,
        campaignId: input.campaignId,
        name: input.name.trim(),
        days: input.days,
        targetIds: input.targetIds ?? null,
        action: input.action,
        ownerId: input.ownerId ?? null,
        followUpTitle: input.followUpTitle?.trim() ?? null,
        followUpDueDays: input.followUpDueDays ?? 7,
        letterActionId: input.letterActionId ?? null,
        enabled: input.enabled ?? true,
        createdBy: auth.actor.kind === 'user' ? auth.actor.userId : null,
      });
      await this.assertValid(auth, rule, manager);
      const saved = await manager.save(rule);
      await this.audit.record(
        auth,
        { action: 'escalation-rule.create', objectType: 'escalation-rule', objectId: saved.id },
        manager,
      );
      return saved.id;
    });
    return this.get(auth, id);
  }

  async update(auth: AuthContext, id: string, input: EscalationRuleUpdateDto): Promise<EscalationRuleResponse> {
    await this.db.transaction(async (manager) => {
      const rule = await manager.findOne(EscalationRule, {
        where: { id, organisationId: auth.organisationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!rule) throw new NotFoundError('Escalation rule');
      const fields = Object.keys(input).filter((k) => input[k as keyof EscalationRuleUpdateDto] !== undefined);
      Object.assign(rule, {
        ...(input.name !== undefined && { name: input.name.trim() }),
        ...(input.days !== undefined && { days: input.days }),
        ...(input.targetIds !== undefined && { targetIds: input.targetIds }),
        ...(input.action !== undefined && { action: input.action }),
        ...(input.ownerId !== undefined && { ownerId: input.ownerId }),
        ...(input.followUpTitle !== undefined && { followUpTitle: input.followUpTitle?.trim() ?? null }),
        ...(input.followUpDueDays !== undefined && { followUpDueDays: input.followUpDueDays }),
        ...(input.letterActionId !== undefined && { letterActionId: input.letterActionId }),
        ...(input.enabled !== undefined && { enabled: input.enabled }),
      });
      await this.assertValid(auth, rule, manager, new Set(fields));
      await manager.save(rule);
      await this.audit.record(
        auth,
        { action: 'escalation-rule.update', objectType: 'escalation-rule', objectId: id, details: { fields } },
        manager,
      );
    });
    return this.get(auth, id);
  }

  async remove(auth: AuthContext, id: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      await this.get(auth, id, manager);
      await manager
        .query(`DELETE FROM escalation_rules WHERE id = $1 AND organization_id = $2`, [id, auth.organisationId])
        .catch((error: unknown) => {
          if ((error as { code?: string }).code === '23503') throw new EscalationRuleInUseError();
          throw error;
        });
      await this.audit.record(
        auth,
        { action: 'escalation-rule.delete', objectType: 'escalation-rule', objectId: id },
        manager,
      );
    });
  }

  async runs(scope: OrgScope, id: string, window: { limit: number; offset: number }) {
    await this.get(scope, id);
    const [{ total }, rows] = await Promise.all([
      sqlOne<{ total: number }>(this.db, `SELECT count(*)::int AS total FROM escalation_runs WHERE rule_id = $1`, [id]),
      sqlRows<{
        id: string;
        target_id: string;
        target_name: string | null;
        delivered_at: Date;
        ran_at: Date;
        outcome: EscalationRunResponse['outcome'];
        detail: string;
        follow_up_id: string | null;
      }>(
        this.db,
        `SELECT x.id, x.target_id, t.name AS target_name, x.delivered_at, x.ran_at, x.outcome, x.detail, x.follow_up_id
           FROM escalation_runs x LEFT JOIN targets t ON t.id = x.target_id
          WHERE x.rule_id = $1 AND x.organization_id = $2 ORDER BY x.ran_at DESC, x.id LIMIT $3 OFFSET $4`,
        [id, scope.organisationId, window.limit, window.offset],
      ),
    ]);
    const items: EscalationRunResponse[] = rows.map((r) => ({
      id: r.id,
      targetId: r.target_id,
      targetName: r.target_name,
      deliveredAt: new Date(r.delivered_at).toISOString(),
      ranAt: new Date(r.ran_at).toISOString(),
      outcome: r.outcome,
      detail: r.detail,
      followUpId: r.follow_up_id,
    }));
    return { items, total };
  }

  /**
   * The campaign, targets, owner and letter action must be the organisation's, and the action's own fields present.
   * On an update only what was sent, or what the action now needs, is checked again: an owner who left does not
   * block renaming the rule.
   */
  private async assertValid(
    scope: OrgScope,
    rule: EscalationRule,
    manager: EntityManager,
    changed?: Set<string>,
  ): Promise<void> {
    const check = (field: string): boolean => !changed || changed.has(field) || changed.has('action');
    if (!changed) await this.assertOwn(scope, 'campaigns', 'campaignId', [rule.campaignId], manager);
    if (rule.targetIds && check('targetIds'))
      await this.assertOwn(scope, 'targets', 'targetIds', rule.targetIds, manager);
    if (rule.action === 'follow-up') {
      if (!rule.ownerId) throw new EscalationFieldRequiredError('ownerId', rule.action);
      if (!rule.followUpTitle) throw new EscalationFieldRequiredError('followUpTitle', rule.action);
      if (check('ownerId')) {
        const member = await sqlRow(manager, `SELECT 1 FROM membership WHERE organization_id = $1 AND user_id = $2`, [
          scope.organisationId,
          rule.ownerId,
        ]);
        if (!member) throw new FollowUpOwnerNotMemberError();
      }
    }
    if (rule.action === 'open-action') {
      if (!rule.letterActionId) throw new EscalationFieldRequiredError('letterActionId', rule.action);
      if (check('letterActionId')) {
        const action = await sqlRow<{ status: string }>(
          manager,
          `SELECT status FROM letter_actions WHERE organization_id = $1 AND id = $2`,
          [scope.organisationId, rule.letterActionId],
        );
        if (!action) throw new FollowUpLinkUnknownError('letterActionId', [rule.letterActionId]);
        if (action.status !== 'draft') throw new EscalationActionNotDraftError();
      }
    }
  }

  private async assertOwn(
    scope: OrgScope,
    table: 'campaigns' | 'targets',
    field: string,
    ids: string[],
    manager: EntityManager,
  ): Promise<void> {
    const rows = await sqlRows<{ id: string }>(
      manager,
      `SELECT id FROM ${table} WHERE organization_id = $1 AND id = ANY($2::uuid[])`,
      [scope.organisationId, ids],
    );
    const found = new Set(rows.map((r) => r.id));
    const missing = ids.filter((i) => !found.has(i));
    if (missing.length > 0) throw new FollowUpLinkUnknownError(field, missing);
  }
}

const view = (r: Row): EscalationRuleResponse => ({
  id: r.id,
  campaignId: r.campaign_id,
  campaignName: r.campaign_name,
  name: r.name,
  days: r.days,
  targetIds: r.target_ids,
  action: r.action,
  ownerId: r.owner_id,
  ownerName: r.owner_name,
  followUpTitle: r.follow_up_title,
  followUpDueDays: r.follow_up_due_days,
  letterActionId: r.letter_action_id,
  letterActionTitle: r.letter_action_title,
  enabled: r.enabled,
  runs: r.runs,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});
