import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { sqlRows } from '#rally/core';
import { MailOutbox } from './entities/mail-outbox.entity.js';
import type { OutboxStatus } from './entities/mail-outbox.entity.js';

export type NewOutboxRow = Pick<
  MailOutbox,
  | 'organisationId'
  | 'idempotencyKey'
  | 'recipient'
  | 'replyTo'
  | 'sender'
  | 'template'
  | 'language'
  | 'data'
  | 'headers'
> &
  Partial<Pick<MailOutbox, 'returnPath'>>;

/** What a claim returns: everything the sender needs, in the database's names. */
interface ClaimedRow {
  id: string;
  organization_id: string | null;
  recipient: string;
  reply_to: string | null;
  sender: string | null;
  template: string;
  language: string;
  data: Record<string, unknown>;
  headers: Record<string, string> | null;
  return_path: string | null;
  idempotency_key: string;
  attempts: number;
}

@Injectable()
export class MailOutboxRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Inserts rows, skipping idempotency keys already present; returns the ids of rows actually inserted. */
  async insert(rows: NewOutboxRow[], manager: EntityManager = this.db.manager): Promise<string[]> {
    if (rows.length === 0) return [];
    // One statement with the rows as one JSON parameter: TypeORM's insert builder spent ~0.1 ms of CPU per row
    // building parameters, a sixth of a letter's whole cost in the delivery benchmark (docs/benchmarks.md).
    const inserted = await sqlRows<{ id: string }>(
      manager,
      `INSERT INTO mail_outbox (organization_id, idempotency_key, recipient, reply_to, sender, template, language, data, headers, return_path)
       SELECT organization_id, idempotency_key, recipient, reply_to, sender, template, coalesce(language, 'en'), data, headers, return_path
         FROM json_populate_recordset(NULL::mail_outbox, $1)
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id`,
      [
        JSON.stringify(
          rows.map((r) => ({
            organization_id: r.organisationId,
            idempotency_key: r.idempotencyKey,
            recipient: r.recipient,
            reply_to: r.replyTo,
            sender: r.sender,
            template: r.template,
            language: r.language,
            data: r.data,
            headers: r.headers,
            return_path: r.returnPath ?? null,
          })),
        ),
      ],
    );
    return inserted.map((r) => r.id);
  }

  /**
   * Inserts the rows a caller's SELECT yields (organization_id, idempotency_key, recipient, reply_to, sender, language,
   * data, headers, return_path), skipping keys already present. The bodies stay in PostgreSQL: handing 1,000 letters
   * through JSON in the worker cost more CPU than sending them (docs/benchmarks.md). Rows are grouped into send
   * batches of `batchSize` as they are inserted, each row naming its batch's job (`batch-<first id>`), which saves
   * the UPDATE that dispatch() makes to record them.
   */
  async insertSelected(
    select: { sql: string; params: unknown[] },
    template: string,
    publicUrl: string,
    batchSize: number,
    manager: EntityManager = this.db.manager,
  ): Promise<{ id: string; idempotency_key: string; job_id: string }[]> {
    const p = select.params.length;
    return sqlRows<{ id: string; idempotency_key: string; job_id: string }>(
      manager,
      `WITH s AS (SELECT s.*, gen_random_uuid() AS outbox_id, row_number() OVER () AS n FROM (${select.sql}) AS s),
            b AS (SELECT s.*, first_value(s.outbox_id) OVER (PARTITION BY (s.n - 1) / $${p + 3} ORDER BY s.n) AS first_id
                    FROM s)
       INSERT INTO mail_outbox (id, organization_id, idempotency_key, recipient, reply_to, sender, template, language, data,
                                headers, return_path, job_id)
       SELECT b.outbox_id, b.organization_id, b.idempotency_key, b.recipient, b.reply_to, b.sender, $${p + 1},
              coalesce(b.language, 'en'), b.data || jsonb_build_object('publicUrl', $${p + 2}::text), b.headers,
              b.return_path, 'batch-' || b.first_id
         FROM b ORDER BY b.n
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id, idempotency_key, job_id`,
      [...select.params, template, publicUrl, batchSize],
    );
  }

  /** Atomically takes rows for sending: only pending ones, or those whose previous sender's lease ran out. */
  async claimMany(ids: string[], leaseSeconds: number): Promise<MailOutbox[]> {
    if (ids.length === 0) return [];
    const rows = await sqlRows<ClaimedRow>(
      this.db,
      // By primary key, always: written as a plain condition, the planner took the partial due index, which fills with
      // dead entries under sustained sending (a bitmap scan never marks them dead), and a claim of 25 rows read
      // thousands of heap tuples (~50 ms each in the 100,000-recipient mailing bench). A CASE it cannot match.
      `UPDATE mail_outbox SET status = 'sending', attempts = attempts + 1, locked_until = now() + make_interval(secs => $2), updated_at = now()
       WHERE id = ANY($1)
         AND CASE status WHEN 'pending' THEN true WHEN 'sending' THEN locked_until < now() ELSE false END
       RETURNING id, organization_id, idempotency_key, recipient, reply_to, sender, template, language, data, headers, return_path, attempts`,
      [ids, leaseSeconds],
    );
    return rows.map((row) =>
      Object.assign(new MailOutbox(), {
        id: row.id,
        organisationId: row.organization_id,
        recipient: row.recipient,
        replyTo: row.reply_to,
        sender: row.sender,
        template: row.template,
        language: row.language,
        data: row.data,
        headers: row.headers,
        returnPath: row.return_path,
        idempotencyKey: row.idempotency_key,
        attempts: row.attempts,
      }),
    );
  }

  /** Records sent rows in one statement: their Message-IDs and the relay's replies. */
  async markSentMany(sent: { id: string; messageId: string; response?: string }[]): Promise<void> {
    if (sent.length === 0) return;
    await this.db.query(
      `UPDATE mail_outbox o SET status = 'sent', message_id = s.message_id, relay_response = s.response, sent_at = now(),
              locked_until = NULL, last_error = NULL, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS s(id, message_id, response)
        WHERE o.id = s.id`,
      [sent.map((s) => s.id), sent.map((s) => s.messageId), sent.map((s) => s.response?.slice(0, 500) || null)],
    );
  }

  /** The queue job that carries each row (a batch), so the reconciler can tell a waiting row from a lost one. */
  async recordJobs(jobs: { id: string; jobId: string }[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.db.query(
      `UPDATE mail_outbox o SET job_id = j.job_id FROM unnest($1::uuid[], $2::text[]) AS j(id, job_id) WHERE o.id = j.id`,
      [jobs.map((j) => j.id), jobs.map((j) => j.jobId)],
    );
  }

  async markRetry(id: string, error: string): Promise<void> {
    await this.db.query(
      `UPDATE mail_outbox SET status = 'pending', locked_until = NULL, last_error = $2, updated_at = now() WHERE id = $1 AND status = 'sending'`,
      [id, error.slice(0, 1000)],
    );
  }

  async markFailed(id: string, error: string, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.query(
      `UPDATE mail_outbox SET status = 'failed', locked_until = NULL, last_error = $2, updated_at = now() WHERE id = $1`,
      [id, error.slice(0, 1000)],
    );
  }

  /** Rows owed but probably not in the queue any more: pending for a while, or claimed by a sender whose lease expired. */
  async findStale(
    olderThanSeconds: number,
    limit: number,
  ): Promise<{ id: string; status: OutboxStatus; attempts: number; job_id: string | null }[]> {
    return sqlRows<{ id: string; status: OutboxStatus; attempts: number; job_id: string | null }>(
      this.db,
      `SELECT id, status, attempts, job_id FROM mail_outbox
       WHERE (status = 'pending' AND updated_at < now() - make_interval(secs => $1))
          OR (status = 'sending' AND locked_until < now())
       ORDER BY updated_at LIMIT $2`,
      [olderThanSeconds, limit],
    );
  }
}
