import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { OrgScope } from '#rally/access';
import { csvCell, NotFoundError, sqlOne, sqlRows } from '#rally/core';
import type { MailingRunResponse } from '../dto/mailing-response.dto.js';
import type { MailingRunStatus } from '../entities/mailing-run.entity.js';

interface RunRow {
  id: string;
  mailing_id: string;
  occurrence: Date;
  status: MailingRunStatus;
  staged: number;
  created_at: Date;
  finished_at: Date | null;
  queued: number;
  sent: number;
  failed: number;
  bounced: number;
  skipped: number;
  unsubscribed: number;
}

/**
 * Progress and reports of runs, counted from the recipients joined with their outbox rows (the outbox is the record
 * of what was sent) and the suppressions each run's links made. No address leaves here: the CSV is counts per run.
 */
@Injectable()
export class MailingReportsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async runs(
    scope: OrgScope,
    mailingId: string,
    window: { limit: number; offset: number },
  ): Promise<{ items: MailingRunResponse[]; total: number }> {
    await this.assertMailing(scope, mailingId);
    const rows = await this.query(scope, `u.mailing_id = $2`, [mailingId], window);
    const { total } = await sqlOne<{ total: number }>(
      this.db,
      `SELECT count(*)::int AS total FROM mailing_runs WHERE mailing_id = $1 AND organization_id = $2`,
      [mailingId, scope.organisationId],
    );
    return { items: rows.map(toRun), total };
  }

  async run(scope: OrgScope, mailingId: string, runId: string): Promise<MailingRunResponse> {
    const [row] = await this.query(scope, `u.mailing_id = $2 AND u.id = $3`, [mailingId, runId], {
      limit: 1,
      offset: 0,
    });
    if (!row) throw new NotFoundError('Mailing run');
    return toRun(row);
  }

  /** Every run of the mailing, newest first, one line each. */
  async csv(scope: OrgScope, mailingId: string): Promise<string> {
    await this.assertMailing(scope, mailingId);
    const rows = await this.query(scope, `u.mailing_id = $2`, [mailingId], { limit: 100_000, offset: 0 });
    const header = 'run,occurrence,status,recipients,queued,sent,failed,bounced,unsubscribed,skipped,finished_at';
    const lines = rows.map((r) =>
      [
        r.id,
        new Date(r.occurrence),
        r.status,
        String(r.staged),
        String(r.queued),
        String(r.sent),
        String(r.failed),
        String(r.bounced),
        String(r.unsubscribed),
        String(r.skipped),
        r.finished_at ? new Date(r.finished_at) : null,
      ]
        .map((v) => csvCell(v))
        .join(','),
    );
    return [header, ...lines].join('\r\n') + '\r\n';
  }

  private async assertMailing(scope: OrgScope, mailingId: string): Promise<void> {
    const [found] = await sqlRows<{ id: string }>(
      this.db,
      `SELECT id FROM mailings WHERE id = $1 AND organization_id = $2`,
      [mailingId, scope.organisationId],
    );
    if (!found) throw new NotFoundError('Mailing');
  }

  private query(
    scope: OrgScope,
    where: string,
    params: unknown[],
    window: { limit: number; offset: number },
  ): Promise<RunRow[]> {
    const n = params.length + 1;
    return sqlRows<RunRow>(
      this.db,
      `SELECT u.id, u.mailing_id, u.occurrence, u.status, u.staged, u.created_at, u.finished_at,
              count(*) FILTER (WHERE r.status = 'handed' AND o.status IN ('pending', 'sending'))::int AS queued,
              count(*) FILTER (WHERE r.status = 'handed' AND o.status = 'sent')::int AS sent,
              count(*) FILTER (WHERE r.status = 'handed' AND o.status = 'failed')::int AS failed,
              count(*) FILTER (WHERE r.status = 'bounced')::int AS bounced,
              count(*) FILTER (WHERE r.status = 'skipped')::int AS skipped,
              (SELECT count(*) FROM mail_suppressions x WHERE x.run_id = u.id AND x.reason = 'unsubscribed')::int
                AS unsubscribed
         FROM mailing_runs u
         LEFT JOIN mailing_recipients r ON r.run_id = u.id
         LEFT JOIN mail_outbox o ON o.id = r.outbox_id
        WHERE u.organization_id = $1 AND ${where}
        GROUP BY u.id
        ORDER BY u.occurrence DESC, u.id
        LIMIT $${n + 1} OFFSET $${n + 2}`,
      [scope.organisationId, ...params, window.limit, window.offset],
    );
  }
}

function toRun(r: RunRow): MailingRunResponse {
  return {
    id: r.id,
    mailingId: r.mailing_id,
    occurrence: new Date(r.occurrence).toISOString(),
    status: r.status,
    progress: {
      staged: r.staged,
      queued: r.queued,
      sent: r.sent,
      failed: r.failed,
      bounced: r.bounced,
      unsubscribed: r.unsubscribed,
      skipped: r.skipped,
    },
    createdAt: new Date(r.created_at).toISOString(),
    finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
  };
}
