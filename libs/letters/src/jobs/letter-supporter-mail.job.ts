import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RallyConfig } from '#rally/core';
import { Clock, InjectConfig, JobHandler, sqlRows } from '#rally/core';
import { MailService } from '#rally/mail';
import { LETTERS_CONFIG } from '../letters.config.js';
import { LetterJob } from '../letters.jobs.js';
import { LETTER_CONFIRM_MAIL } from '../mail/letter-mail.templates.js';
import { recipientLabel } from '../writing/letter-writing.service.js';

const BATCH = 500;

/**
 * The one confirmation reminder to supporters who have not confirmed (the confirmation itself is staged with the
 * send). Rows are claimed with SKIP LOCKED and updated in the transaction that writes the outbox rows, with an
 * idempotency key per mail: a second worker or a crash never sends one twice.
 */
@Injectable()
export class LetterSupporterMailJob {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mail: MailService,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: RallyConfig,
  ) {}

  @JobHandler(LetterJob.SupporterMail, { everyMs: (config) => config.section(LETTERS_CONFIG).supporterMailMs })
  async handle(): Promise<{ staged: number }> {
    const now = this.clock.now();
    const outboxIds: string[] = [];
    await this.db.transaction(async (manager) => {
      const due = await sqlRows<{
        id: string;
        organization_id: string;
        email: string;
        first_name: string;
        language: string;
        confirm_token: string;
        mails_sent: number;
        slug: string;
        title: string;
        recipients: { name: string; title: string }[];
      }>(
        manager,
        `SELECT s.id, s.organization_id, s.email, s.first_name, s.language, s.confirm_token, s.mails_sent, a.slug, a.title,
                (SELECT coalesce(json_agg(json_build_object('name', t.name, 'title', t.title) ORDER BY t.name), '[]')
                   FROM letters l JOIN targets t ON t.id = l.target_id WHERE l.submission_id = s.id) AS recipients
           FROM letter_submissions s JOIN letter_actions a ON a.id = s.action_id
          WHERE s.next_mail_at <= $1 AND s.status = 'pending'
          ORDER BY s.next_mail_at LIMIT $2
          FOR UPDATE OF s SKIP LOCKED`,
        [now, BATCH],
      );
      if (due.length === 0) return;
      const byOrg = new Map<string, typeof due>();
      for (const d of due) byOrg.set(d.organization_id, [...(byOrg.get(d.organization_id) ?? []), d]);
      for (const [organisationId, rows] of byOrg)
        outboxIds.push(
          ...(await this.mail.stage(
            { organisationId },
            rows.map((s) => ({
              to: s.email,
              template: LETTER_CONFIRM_MAIL,
              data: {
                firstName: s.first_name,
                actionTitle: s.title,
                confirmUrl: `${this.config.http.publicUrl}/l/${s.slug}/confirm/${s.id}/${s.confirm_token}`,
                letterCount: s.recipients.length,
                recipients: s.recipients.map(recipientLabel),
                reminder: true,
              },
              idempotencyKey: `letter-confirm:${s.id}:${s.mails_sent + 1}`,
              language: s.language,
            })),
            manager,
          )),
        );
      // One reminder only: nothing more is owed after it.
      await manager.query(
        `UPDATE letter_submissions SET next_mail_at = NULL, mails_sent = mails_sent + 1 WHERE id = ANY($1)`,
        [due.map((d) => d.id)],
      );
    });
    await this.mail.dispatch(outboxIds);
    return { staged: outboxIds.length };
  }
}
