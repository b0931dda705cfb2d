import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { Clock, JobHandler, sqlRows } from '#rally/core';
import { MailService } from '#rally/mail';
import { notSuppressedSql } from '#rally/mailings';
import { SCOREBOARD_CONFIG } from '../scoreboard.config.js';
import { ScoreboardJob } from '../scoreboard.jobs.js';
import { REPLY_CHECK_MAIL } from './reply-check-mail.js';
import { REPLY_CHECK_ANSWERS } from './entities/reply-check.entity.js';
import { ReplyCheckLinks } from './reply-check-links.js';

const DAY_MS = 86_400_000;
/** The question goes 14 days after a letter was sent, the reminder 7 days after the question (day 21). */
export const REPLY_CHECK_AFTER_DAYS = 14;
export const REPLY_CHECK_REMINDER_AFTER_DAYS = 7;
/**
 * Letters sent more than 20 days ago are not asked about any more: after a worker outage (or when the feature is
 * first deployed over old letters) a question about a month-old letter would be noise, and the reminder at 21 days
 * would follow at once.
 */
export const REPLY_CHECK_LATEST_DAYS = 20;
const BATCH = 500;

interface DueCheck {
  id: string;
  organization_id: string;
  email: string;
  language: string;
  first_name: string;
  action_title: string;
  organisation: string;
  recipients: string[];
}

/**
 * "Did they reply?": one question per supporter and letter action (not per letter: a supporter who wrote to three
 * targets in one action gets one mail listing them) about their letters sent 14 days ago or more with no human
 * reply captured, and one reminder 7 days later while unanswered. Each step happens once across workers: the
 * question is the insert of the unique (action, supporter) row, the reminder the update that stamps it (rows locked
 * with SKIP LOCKED, the stamp re-checked), each in the transaction that stages its mail with an idempotency key per
 * step. Opted-out supporters are skipped, and so are addresses on the organisation's mail suppression list
 * (unsubscribed from all mail, hard-bounced), by mailings' notSuppressedSql in the same statement: scoreboard may
 * import mailings, which imports no feature above it. Letters' delivery path is not touched (the job reads
 * `letters.sent_at`).
 */
@Injectable()
export class ReplyCheckJob {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mail: MailService,
    private readonly links: ReplyCheckLinks,
    private readonly clock: Clock,
  ) {}

  @JobHandler(ScoreboardJob.ReplyChecks, { everyMs: (config) => config.section(SCOREBOARD_CONFIG).replyCheckMs })
  async handle(): Promise<{ questions: number; reminders: number }> {
    const now = this.clock.now();
    const questions = await this.step((manager) => this.newQuestions(now, manager), false);
    const reminders = await this.step((manager) => this.dueReminders(now, manager), true);
    return { questions, reminders };
  }

  private async step(select: (manager: EntityManager) => Promise<DueCheck[]>, reminder: boolean): Promise<number> {
    const outboxIds: string[] = [];
    await this.db.transaction(async (manager) => {
      const due = await select(manager);
      for (const check of due)
        outboxIds.push(
          ...(await this.mail.stage(
            { organisationId: check.organization_id },
            [
              {
                to: check.email,
                template: REPLY_CHECK_MAIL,
                language: check.language,
                idempotencyKey: `reply-check:${check.id}:${reminder ? 2 : 1}`,
                data: {
                  firstName: check.first_name,
                  actionTitle: check.action_title,
                  organisation: check.organisation,
                  letterCount: check.recipients.length,
                  recipients: check.recipients,
                  reminder,
                  answers: REPLY_CHECK_ANSWERS.map((answer) => ({
                    key: answer,
                    url: this.links.url(this.links.answerPath(check.id, answer)),
                  })),
                  optOutUrl: this.links.url(this.links.optOutPath(check.id)),
                },
              },
            ],
            manager,
          )),
        );
    });
    await this.mail.dispatch(outboxIds);
    return outboxIds.length;
  }

  /** Inserts the questions owed (the unique row is the once-only guard) and their letters; answers what it inserted. */
  private async newQuestions(now: Date, manager: EntityManager): Promise<DueCheck[]> {
    const inserted = await sqlRows<{ id: string }>(
      manager,
      `WITH due AS (
         SELECT l.organization_id, l.action_id, l.supporter_email_normalized,
                array_agg(l.id ORDER BY l.id) AS letter_ids, array_agg(l.target_id ORDER BY l.id) AS target_ids,
                (array_agg(l.submission_id ORDER BY l.created_at DESC))[1] AS submission_id
           FROM letters l
          WHERE l.sent_at <= $1 AND l.sent_at > $2 AND NOT l.test_mode AND l.status <> 'bounced'
            AND NOT EXISTS (SELECT 1 FROM inbound_messages m WHERE m.letter_id = l.id AND m.kind = 'reply')
            AND NOT EXISTS (SELECT 1 FROM reply_checks c
                             WHERE c.action_id = l.action_id AND c.supporter_email_normalized = l.supporter_email_normalized)
            AND NOT EXISTS (SELECT 1 FROM reply_check_opt_outs o
                             WHERE o.organization_id = l.organization_id AND o.email_normalized = l.supporter_email_normalized)
            AND ${notSuppressedSql('l.organization_id', 'l.supporter_email_normalized')}
          GROUP BY l.organization_id, l.action_id, l.supporter_email_normalized
          LIMIT $4),
       checks AS (
         INSERT INTO reply_checks (organization_id, action_id, supporter_email_normalized, email, language, first_sent_at)
         SELECT d.organization_id, d.action_id, d.supporter_email_normalized, s.email, s.language, $3
           FROM due d JOIN letter_submissions s ON s.id = d.submission_id
         ON CONFLICT (action_id, supporter_email_normalized) DO NOTHING
         RETURNING id, action_id, supporter_email_normalized),
       letters_asked AS (
         INSERT INTO reply_check_letters (check_id, letter_id, action_id, target_id)
         SELECT c.id, x.letter_id, c.action_id, x.target_id
           FROM checks c JOIN due d USING (action_id, supporter_email_normalized)
           CROSS JOIN LATERAL unnest(d.letter_ids, d.target_ids) AS x(letter_id, target_id))
       SELECT id FROM checks`,
      [
        new Date(now.getTime() - REPLY_CHECK_AFTER_DAYS * DAY_MS),
        new Date(now.getTime() - REPLY_CHECK_LATEST_DAYS * DAY_MS),
        now,
        BATCH,
      ],
    );
    return this.mailData(
      inserted.map((r) => r.id),
      manager,
    );
  }

  /** Stamps the reminders owed; a row another worker is stamping is skipped, one it stamped no longer matches. */
  private async dueReminders(now: Date, manager: EntityManager): Promise<DueCheck[]> {
    const stamped = await sqlRows<{ id: string }>(
      manager,
      `UPDATE reply_checks c SET reminder_sent_at = $1
        WHERE c.id IN (
          SELECT q.id FROM reply_checks q
           WHERE q.answer IS NULL AND q.reminder_sent_at IS NULL AND q.first_sent_at <= $2
             AND NOT EXISTS (SELECT 1 FROM reply_check_opt_outs o
                              WHERE o.organization_id = q.organization_id AND o.email_normalized = q.supporter_email_normalized)
             AND ${notSuppressedSql('q.organization_id', 'q.supporter_email_normalized')}
             AND EXISTS (SELECT 1 FROM reply_check_letters cl
                          WHERE cl.check_id = q.id
                            AND NOT EXISTS (SELECT 1 FROM inbound_messages m WHERE m.letter_id = cl.letter_id AND m.kind = 'reply'))
           ORDER BY q.first_sent_at LIMIT $3
           FOR UPDATE SKIP LOCKED)
          AND c.answer IS NULL AND c.reminder_sent_at IS NULL
        RETURNING c.id`,
      [now, new Date(now.getTime() - REPLY_CHECK_REMINDER_AFTER_DAYS * DAY_MS), BATCH],
    );
    return this.mailData(
      stamped.map((r) => r.id),
      manager,
    );
  }

  private mailData(ids: string[], manager: EntityManager): Promise<DueCheck[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return sqlRows<DueCheck>(
      manager,
      `SELECT c.id, c.organization_id, c.email, c.language, o.name AS organisation, a.title AS action_title,
              coalesce((SELECT s.first_name FROM letter_submissions s
                         WHERE s.action_id = c.action_id AND s.email_normalized = c.supporter_email_normalized
                         ORDER BY s.created_at DESC LIMIT 1), '') AS first_name,
              (SELECT array_agg(t.name || CASE WHEN t.title <> '' THEN ', ' || t.title ELSE '' END ORDER BY t.name)
                 FROM reply_check_letters cl JOIN targets t ON t.id = cl.target_id WHERE cl.check_id = c.id) AS recipients
         FROM reply_checks c JOIN letter_actions a ON a.id = c.action_id JOIN organization o ON o.id = c.organization_id
        WHERE c.id = ANY($1::uuid[])`,
      [ids],
    );
  }
}
