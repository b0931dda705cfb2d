import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { AuthContext, OrgScope } from '#rally/access';
import { AuditLog } from '#rally/access';
import { Clock, NotFoundError, sqlRow } from '#rally/core';
import { RecommendationService } from '#rally/recommendations';
import type { ProposalDecisionDto, StatusChangeDto } from './dto/implementation-request.dto.js';
import type { HistoryEvent } from './entities/implementation-history.entity.js';
import { ImplementationHistory } from './entities/implementation-history.entity.js';
import { ImplementationProposal } from './entities/implementation-proposal.entity.js';
import { ImplementationSettings } from './entities/implementation-settings.entity.js';
import { ImplementationStatus } from './entities/implementation-status.entity.js';
import {
  ImplementationOwnProposalError,
  ImplementationProposalDecidedError,
  ImplementationProposalPendingError,
  ImplementationProposalStaleError,
  ImplementationStatusChangedError,
} from './implementation.exception.js';
import type { StatusState } from './implementation-state.js';
import { changedFields, sameState } from './implementation-state.js';
import type { Actor } from './reviewer-rule.js';
import { actorOf, reviewRefusal } from './reviewer-rule.js';
import { PublicScorecards } from './scorecard/public-scorecards.js';
import { stateOf } from './status-views.js';

export interface ChangeOutcome {
  applied: boolean;
  proposalId: string | null;
}

interface Key {
  country: string;
  recommendationId: string;
}

/**
 * Changes of implementation status. With the organisation's second-reviewer rule off a change applies at once; on,
 * it is a proposal another coordinator or admin approves or rejects. Every event writes a history row (before and
 * after) and an audit entry in the same transaction as the change.
 */
@Injectable()
export class ImplementationChangeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly recommendations: RecommendationService,
    private readonly clock: Clock,
    private readonly scorecards: PublicScorecards,
  ) {}

  async settings(scope: OrgScope): Promise<{ secondReviewer: boolean }> {
    return { secondReviewer: await this.secondReviewer(scope, this.db.manager) };
  }

  async setSettings(auth: AuthContext, input: { secondReviewer: boolean }): Promise<{ secondReviewer: boolean }> {
    await this.db.transaction(async (manager) => {
      await manager.upsert(
        ImplementationSettings,
        { organisationId: auth.organisationId, secondReviewer: input.secondReviewer, updatedAt: this.clock.now() },
        ['organisationId'],
      );
      await this.audit.record(
        auth,
        {
          action: 'implementation.settings',
          objectType: 'organisation',
          objectId: auth.organisationId,
          details: input,
        },
        manager,
      );
    });
    return this.settings(auth);
  }

  /** Applies the change, or records it as a proposal when the rule is on. Sending the current state changes nothing. */
  async change(auth: AuthContext, recommendationId: string, input: StatusChangeDto): Promise<ChangeOutcome> {
    const recommendation = await this.recommendations.get(auth, recommendationId);
    const key = { country: input.country, recommendationId: recommendation.id };
    const outcome = await this.db.transaction(async (manager): Promise<ChangeOutcome> => {
      const current = await this.lockCurrent(auth, key, manager);
      const version = current?.version ?? 0;
      if (input.baseVersion !== undefined && input.baseVersion !== version)
        throw new ImplementationStatusChangedError(version);
      const before = stateOf(current);
      const after = merged(before, input);
      const actor = await this.actor(auth, manager);
      const comment = input.comment?.trim() ?? '';
      if (await this.secondReviewer(auth, manager)) {
        const pending = await manager.findOne(ImplementationProposal, {
          where: { organisationId: auth.organisationId, ...key, state: 'pending' },
        });
        if (pending) throw new ImplementationProposalPendingError();
        if (sameState(before, after)) return { applied: true, proposalId: null };
        const proposal = await manager.save(
          manager.create(ImplementationProposal, {
            organisationId: auth.organisationId,
            ...key,
            baseVersion: version,
            proposed: after,
            state: 'pending',
            proposedByUserId: actor.userId,
            proposedByTokenId: actor.tokenId,
            proposedAt: this.clock.now(),
            comment,
          }),
        );
        const was = current ? before : null;
        await this.record(
          auth,
          key,
          'proposed',
          { before: was, after, actor, comment, proposalId: proposal.id },
          manager,
        );
        return { applied: false, proposalId: proposal.id };
      }
      if (sameState(before, after)) return { applied: true, proposalId: null };
      await this.write(auth, key, after, version + 1, actor, manager);
      const was = current ? before : null;
      await this.record(auth, key, 'changed', { before: was, after, actor, comment, proposalId: null }, manager);
      return { applied: true, proposalId: null };
    });
    // A published row shows its current status: this process's scorecard shows the change at once.
    if (outcome.applied) this.scorecards.forget(auth, [key.country]);
    return outcome;
  }

  async approve(auth: AuthContext, proposalId: string, input: ProposalDecisionDto): Promise<Key> {
    return this.decide(auth, proposalId, 'approve', input.comment?.trim() ?? '');
  }

  async reject(auth: AuthContext, proposalId: string, input: ProposalDecisionDto): Promise<Key> {
    return this.decide(auth, proposalId, 'reject', input.comment?.trim() ?? '');
  }

  private async decide(
    auth: AuthContext,
    proposalId: string,
    decision: 'approve' | 'reject',
    comment: string,
  ): Promise<Key> {
    const key = await this.db.transaction(async (manager) => {
      const found = await manager.findOne(ImplementationProposal, {
        where: { id: proposalId, organisationId: auth.organisationId },
      });
      if (!found) throw new NotFoundError('Proposal');
      const key = { country: found.country, recommendationId: found.recommendationId };
      const current = await this.lockCurrent(auth, key, manager);
      // Re-read under the lock: a concurrent decision of the same proposal committed before this one could.
      const proposal = (await manager.findOne(ImplementationProposal, {
        where: { id: proposalId },
        lock: { mode: 'pessimistic_write' },
      })) as ImplementationProposal;
      const actor = await this.actor(auth, manager);
      const refusal = reviewRefusal(
        { state: proposal.state, baseVersion: proposal.baseVersion, proposedBy: proposerOf(proposal) },
        actor,
        decision,
        current?.version ?? 0,
      );
      if (refusal === 'not_pending') throw new ImplementationProposalDecidedError();
      if (refusal === 'own_proposal') throw new ImplementationOwnProposalError();
      if (refusal === 'stale') throw new ImplementationProposalStaleError();
      const before = current ? stateOf(current) : null;
      if (decision === 'approve')
        await this.write(auth, key, proposal.proposed, (current?.version ?? 0) + 1, actor, manager);
      await manager.update(
        ImplementationProposal,
        { id: proposal.id },
        {
          state: decision === 'approve' ? 'approved' : 'rejected',
          decidedByUserId: actor.userId,
          decidedByTokenId: actor.tokenId,
          decidedAt: this.clock.now(),
        },
      );
      await this.record(
        auth,
        key,
        decision === 'approve' ? 'approved' : 'rejected',
        { before, after: proposal.proposed, actor, comment, proposalId: proposal.id },
        manager,
      );
      return key;
    });
    if (decision === 'approve') this.scorecards.forget(auth, [key.country]);
    return key;
  }

  /** Serialises every writer of one recommendation in one country, whether or not its row exists yet. */
  private async lockCurrent(scope: OrgScope, key: Key, manager: EntityManager): Promise<ImplementationStatus | null> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
      `implementation:${scope.organisationId}|${key.country}|${key.recommendationId}`,
    ]);
    return manager.findOne(ImplementationStatus, { where: { organisationId: scope.organisationId, ...key } });
  }

  private async write(
    scope: OrgScope,
    key: Key,
    state: StatusState,
    version: number,
    actor: Actor,
    manager: EntityManager,
  ): Promise<void> {
    await manager.upsert(
      ImplementationStatus,
      {
        organisationId: scope.organisationId,
        ...key,
        ...state,
        version,
        updatedAt: this.clock.now(),
        updatedByUserId: actor.userId,
      },
      ['organisationId', 'country', 'recommendationId'],
    );
  }

  private async record(
    auth: AuthContext,
    key: Key,
    event: HistoryEvent,
    entry: { before: StatusState | null; after: StatusState; actor: Actor; comment: string; proposalId: string | null },
    manager: EntityManager,
  ): Promise<void> {
    await manager.insert(ImplementationHistory, {
      organisationId: auth.organisationId,
      ...key,
      event,
      proposalId: entry.proposalId,
      before: entry.before,
      after: entry.after,
      actorUserId: entry.actor.userId,
      actorTokenId: entry.actor.tokenId,
      comment: entry.comment,
      at: this.clock.now(),
    });
    await this.audit.record(
      auth,
      {
        action: AUDIT_ACTIONS[event],
        objectType: 'recommendation',
        objectId: key.recommendationId,
        details: {
          country: key.country,
          status: entry.after.status,
          fields: changedFields(entry.before ?? stateOf(null), entry.after),
          ...(entry.proposalId ? { proposalId: entry.proposalId } : {}),
        },
      },
      manager,
    );
  }

  private async secondReviewer(scope: OrgScope, manager: EntityManager): Promise<boolean> {
    const row = await manager.findOne(ImplementationSettings, { where: { organisationId: scope.organisationId } });
    return row?.secondReviewer ?? false;
  }

  /** A token acts for the member who created it, so the rule compares people, not credentials. */
  private async actor(auth: AuthContext, manager: EntityManager): Promise<Actor> {
    if (auth.actor.kind === 'user') return actorOf(auth);
    const token = await sqlRow<{ created_by_user_id: string | null }>(
      manager,
      `SELECT created_by_user_id FROM api_token WHERE id = $1`,
      [auth.actor.tokenId],
    );
    return actorOf(auth, token?.created_by_user_id ?? null);
  }
}

// `as const` keeps each value's literal type, so the audit-actions test can read what is recorded.
const AUDIT_ACTIONS = {
  changed: 'implementation.change',
  proposed: 'implementation.propose',
  approved: 'implementation.approve',
  rejected: 'implementation.reject',
} as const satisfies Record<HistoryEvent, string>;

const proposerOf = (p: ImplementationProposal): Actor => ({ userId: p.proposedByUserId, tokenId: p.proposedByTokenId });

/** Fields left out keep their value; text is trimmed. */
function merged(before: StatusState, input: StatusChangeDto): StatusState {
  return {
    status: input.status,
    evidence:
      input.evidence === undefined
        ? before.evidence
        : input.evidence.map((e) => ({ url: e.url.trim(), supports: e.supports.trim() })),
    evidenceSummary: input.evidenceSummary === undefined ? before.evidenceSummary : input.evidenceSummary.trim(),
    evidenceDate: input.evidenceDate === undefined ? before.evidenceDate : input.evidenceDate,
    lastVerified: input.lastVerified === undefined ? before.lastVerified : input.lastVerified,
    note: input.note === undefined ? before.note : input.note.trim(),
  };
}
