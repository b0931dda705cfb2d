import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthContext, OrgScope } from '#rally/access';
import { AuditLog, OrganisationDirectory } from '#rally/access';
import { Clock, JobQueue, NotFoundError, sqlOne, sqlRow, sqlRows } from '#rally/core';
import { requestDispatch } from '../delivery/letter-dispatcher.js';
import type {
  CampaignLetterStatsResponse,
  HeldSubmissionResponse,
  LetterDeliveryResponse,
  LetterDeliveryStatus,
  LetterResponse,
  LetterSummaryResponse,
  LetterTargetDelivery,
} from '../dto/letter.dto.js';

/** A letter's status as staff see it: the outbox's outcome once it was handed over. */
const STATUS = `CASE WHEN l.status = 'handed' THEN
    CASE o.status WHEN 'sent' THEN 'sent' WHEN 'failed' THEN 'failed' ELSE 'sending' END
  ELSE l.status END`;
const REASON = `CASE WHEN l.status = 'handed' AND o.status IN ('failed', 'pending') THEN o.last_error ELSE l.status_reason END`;

interface LetterRow {
  id: string;
  action_id: string;
  action_title: string;
  target_id: string;
  target_name: string;
  recipient: string;
  first_name: string;
  last_name: string;
  language: string;
  subject: string;
  status: LetterDeliveryStatus;
  reason: string | null;
  test_mode: boolean;
  not_before: Date | null;
  sent_at: Date | null;
  created_at: Date;
  body?: string;
  sender?: string;
  reply_to?: string;
  message_id?: string;
  relay_response?: string | null;
}

const supporterName = (r: { first_name: string; last_name: string }): string =>
  r.last_name.trim() ? `${r.first_name} ${[...r.last_name.trim()][0]!.toUpperCase()}.` : r.first_name;

function toSummary(r: LetterRow): LetterSummaryResponse {
  return {
    id: r.id,
    actionId: r.action_id,
    actionTitle: r.action_title,
    targetId: r.target_id,
    targetName: r.target_name,
    recipient: r.recipient,
    supporterName: supporterName(r),
    language: r.language,
    subject: r.subject,
    status: r.status,
    statusReason: r.reason,
    testMode: r.test_mode,
    notBefore: r.status === 'waiting' && r.not_before ? r.not_before.toISOString() : null,
    sentAt: r.sent_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
  };
}

const SELECT = `SELECT l.id, l.action_id, a.title AS action_title, l.target_id, t.name AS target_name, l.recipient,
       s.first_name, s.last_name, l.language, l.subject, ${STATUS} AS status, ${REASON} AS reason, l.test_mode,
       l.not_before, o.sent_at, l.created_at`;
const FROM = `FROM letters l
  JOIN letter_actions a ON a.id = l.action_id
  JOIN targets t ON t.id = l.target_id
  JOIN letter_submissions s ON s.id = l.submission_id
  LEFT JOIN mail_outbox o ON o.id = l.outbox_id`;

/** What staff see of delivery: letters with their status, counts per action and target, cancelling, review. */
@Injectable()
export class LetterDeliveryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly organisations: OrganisationDirectory,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
  ) {}

  async list(
    scope: OrgScope,
    query: { actionId?: string; targetId?: string; status?: LetterDeliveryStatus; limit: number; offset: number },
  ): Promise<{ items: LetterSummaryResponse[]; total: number }> {
    const where = ['l.organization_id = $1'];
    const params: unknown[] = [scope.organisationId];
    if (query.actionId) where.push(`l.action_id = $${params.push(query.actionId)}`);
    if (query.targetId) where.push(`l.target_id = $${params.push(query.targetId)}`);
    if (query.status) where.push(`${STATUS} = $${params.push(query.status)}`);
    const { total } = await sqlOne<{ total: number }>(
      this.db,
      `SELECT count(*)::int AS total ${FROM} WHERE ${where.join(' AND ')}`,
      params,
    );
    const rows = await sqlRows<LetterRow>(
      this.db,
      `${SELECT} ${FROM} WHERE ${where.join(' AND ')} ORDER BY l.created_at DESC, l.id
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.limit, query.offset],
    );
    return { items: rows.map(toSummary), total };
  }

  async get(scope: OrgScope, id: string): Promise<LetterResponse> {
    const row = await sqlRow<LetterRow>(
      this.db,
      `${SELECT}, l.body, l.sender, l.reply_to, l.message_id, o.relay_response ${FROM}
        WHERE l.organization_id = $1 AND l.id = $2`,
      [scope.organisationId, id],
    );
    if (!row) throw new NotFoundError('Letter');
    return {
      ...toSummary(row),
      body: row.body!,
      sender: row.sender!,
      replyTo: row.reply_to!,
      messageId: row.message_id!,
      relayMessageId: row.relay_response ?? null,
    };
  }

  async delivery(scope: OrgScope, actionId: string): Promise<LetterDeliveryResponse> {
    const statuses = await sqlRows<{ status: LetterDeliveryStatus; count: number }>(
      this.db,
      `SELECT ${STATUS} AS status, count(*)::int AS count FROM letters l LEFT JOIN mail_outbox o ON o.id = l.outbox_id
        WHERE l.organization_id = $1 AND l.action_id = $2 GROUP BY 1 ORDER BY 1`,
      [scope.organisationId, actionId],
    );
    return { statuses, targets: await this.perTarget(scope, 'l.action_id = $2', [actionId]) };
  }

  /** Letters per day (the organisation's calendar) and per target across a campaign's actions; test letters aside. */
  async campaignStats(scope: OrgScope, campaignId: string, days = 60): Promise<CampaignLetterStatsResponse> {
    const { timeZone } = await this.organisations.summary(scope);
    const since = new Date(this.clock.now().getTime() - days * 86_400_000);
    const perDay = await sqlRows<{ day: string; letters: number }>(
      this.db,
      `SELECT to_char((s.confirmed_at AT TIME ZONE $3)::date, 'YYYY-MM-DD') AS day, count(*)::int AS letters
         FROM letters l JOIN letter_actions a ON a.id = l.action_id JOIN letter_submissions s ON s.id = l.submission_id
        WHERE l.organization_id = $1 AND a.campaign_id = $2 AND NOT l.test_mode AND s.confirmed_at >= $4
        GROUP BY 1 ORDER BY 1`,
      [scope.organisationId, campaignId, timeZone, since],
    );
    const perTarget = await this.perTarget(scope, 'a.campaign_id = $2', [campaignId], true);
    return {
      total: perTarget.reduce((n, t) => n + t.total, 0),
      sent: perTarget.reduce((n, t) => n + t.sent, 0),
      perDay,
      perTarget,
    };
  }

  private async perTarget(
    scope: OrgScope,
    condition: string,
    params: unknown[],
    liveOnly = false,
  ): Promise<LetterTargetDelivery[]> {
    const rows = await sqlRows<{
      target_id: string;
      target_name: string;
      total: number;
      sent: number;
      pending: number;
      failed: number;
      held: number;
    }>(
      this.db,
      `SELECT l.target_id, t.name AS target_name, count(*)::int AS total,
              count(*) FILTER (WHERE ${STATUS} = 'sent')::int AS sent,
              count(*) FILTER (WHERE ${STATUS} IN ('queued', 'waiting', 'sending'))::int AS pending,
              count(*) FILTER (WHERE ${STATUS} IN ('failed', 'bounced'))::int AS failed,
              count(*) FILTER (WHERE ${STATUS} = 'held')::int AS held
         FROM letters l JOIN letter_actions a ON a.id = l.action_id JOIN targets t ON t.id = l.target_id
         LEFT JOIN mail_outbox o ON o.id = l.outbox_id
        WHERE l.organization_id = $1 AND ${condition} AND l.status NOT IN ('awaiting_confirmation', 'cancelled')
          ${liveOnly ? 'AND NOT l.test_mode' : ''}
        GROUP BY l.target_id, t.name ORDER BY total DESC, t.name`,
      [scope.organisationId, ...params],
    );
    return rows.map((r) => ({
      targetId: r.target_id,
      targetName: r.target_name,
      total: r.total,
      sent: r.sent,
      pending: r.pending,
      failed: r.failed,
      held: r.held,
    }));
  }

  /** Cancels the letters of an action to one target that have not gone yet (queued, waiting or held). */
  async cancelToTarget(auth: AuthContext, actionId: string, targetId: string): Promise<number> {
    return this.db.transaction(async (manager) => {
      const rows = await sqlRows<{ id: string }>(
        manager,
        `UPDATE letters SET status = 'cancelled', status_reason = 'cancelled by staff', updated_at = $4
          WHERE organization_id = $1 AND action_id = $2 AND target_id = $3
            AND status IN ('queued', 'waiting', 'held', 'awaiting_confirmation')
          RETURNING id`,
        [auth.organisationId, actionId, targetId, this.clock.now()],
      );
      await this.audit.record(
        auth,
        {
          action: 'letters.cancel',
          objectType: 'letter-action',
          objectId: actionId,
          details: { targetId, letters: rows.length },
        },
        manager,
      );
      return rows.length;
    });
  }

  /** Puts held letters of an action to one target back in the queue (their address works again). */
  async requeueToTarget(auth: AuthContext, actionId: string, targetId: string): Promise<number> {
    const requeued = await this.db.transaction(async (manager) => {
      const rows = await sqlRows<{ id: string }>(
        manager,
        `UPDATE letters l SET status = 'queued', status_reason = NULL, not_before = $4, updated_at = $4
           FROM letter_submissions s
          WHERE l.organization_id = $1 AND l.action_id = $2 AND l.target_id = $3 AND l.status = 'held'
            AND s.id = l.submission_id AND NOT s.flagged
          RETURNING l.id`,
        [auth.organisationId, actionId, targetId, this.clock.now()],
      );
      await this.audit.record(
        auth,
        {
          action: 'letters.requeue',
          objectType: 'letter-action',
          objectId: actionId,
          details: { targetId, letters: rows.length },
        },
        manager,
      );
      return rows.length;
    });
    if (requeued > 0) await requestDispatch(this.jobs, this.clock.now()).catch(() => undefined);
    return requeued;
  }

  /** Confirmed submissions held as near-identical to others, for review. */
  async held(
    scope: OrgScope,
    actionId: string,
    limit: number,
    offset: number,
  ): Promise<{ items: HeldSubmissionResponse[]; total: number }> {
    const where = `s.organization_id = $1 AND s.action_id = $2 AND s.flagged AND s.status = 'confirmed'
      AND EXISTS (SELECT 1 FROM letters l WHERE l.submission_id = s.id AND l.status = 'held')`;
    const { total } = await sqlOne<{ total: number }>(
      this.db,
      `SELECT count(*)::int AS total FROM letter_submissions s WHERE ${where}`,
      [scope.organisationId, actionId],
    );
    const rows = await sqlRows<{
      id: string;
      first_name: string;
      last_name: string;
      paragraph: string;
      edited_body: string | null;
      letters: number;
      similar: number;
      created_at: Date;
    }>(
      this.db,
      `SELECT s.id, s.first_name, s.last_name, s.paragraph, s.edited_body, s.created_at,
              (SELECT count(*)::int FROM letters l WHERE l.submission_id = s.id AND l.status = 'held') AS letters,
              (SELECT count(*)::int FROM letter_submissions o WHERE o.action_id = s.action_id
                 AND o.similarity_key = s.similarity_key AND o.id <> s.id) AS similar
         FROM letter_submissions s WHERE ${where} ORDER BY s.created_at, s.id LIMIT $3 OFFSET $4`,
      [scope.organisationId, actionId, limit, offset],
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        supporterName: supporterName(r),
        paragraph: r.paragraph,
        editedBody: r.edited_body,
        letters: r.letters,
        similar: r.similar,
        createdAt: r.created_at.toISOString(),
      })),
      total,
    };
  }

  /** Review of a held submission: release its letters to the queue, or cancel them. */
  async review(
    auth: AuthContext,
    actionId: string,
    submissionId: string,
    decision: 'release' | 'reject',
  ): Promise<number> {
    const letters = await this.db.transaction(async (manager) => {
      const submission = await sqlRow<{ id: string }>(
        manager,
        `UPDATE letter_submissions SET flagged = false
          WHERE id = $1 AND action_id = $2 AND organization_id = $3 AND status = 'confirmed' RETURNING id`,
        [submissionId, actionId, auth.organisationId],
      );
      if (!submission) throw new NotFoundError('Letter submission');
      const now = this.clock.now();
      const rows = await sqlRows<{ id: string }>(
        manager,
        decision === 'release'
          ? `UPDATE letters SET status = 'queued', status_reason = NULL, not_before = $2, updated_at = $2
              WHERE submission_id = $1 AND status = 'held' RETURNING id`
          : `UPDATE letters SET status = 'cancelled', status_reason = 'rejected at review', updated_at = $2
              WHERE submission_id = $1 AND status = 'held' RETURNING id`,
        [submissionId, now],
      );
      await this.audit.record(
        auth,
        {
          action: `letters.review.${decision}`,
          objectType: 'letter-submission',
          objectId: submissionId,
          details: { actionId, letters: rows.length },
        },
        manager,
      );
      return rows.length;
    });
    if (decision === 'release' && letters > 0)
      await requestDispatch(this.jobs, this.clock.now()).catch(() => undefined); // the tick follows anyway
    return letters;
  }
}
