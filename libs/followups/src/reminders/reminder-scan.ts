import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { RallyConfig } from '#rally/core';
import { Clock, InjectConfig, sqlRows } from '#rally/core';
import { MailService } from '#rally/mail';
import { DEFAULT_DAYS_BEFORE } from '../entities/follow-up-settings.entity.js';
import { FOLLOW_UP_REMINDER_MAIL, formatDay } from '../mail/follow-up-mail.templates.js';
import { daysBetween, nextReminderOn, stepToSend } from './reminder-steps.js';

/** Rows per transaction: a few hundred mails staged in one commit, short enough not to hold locks for long. */
export const REMINDER_BATCH = 500;

interface Candidate {
  id: string;
  organization_id: string;
  title: string;
  due_on: string;
  owner_id: string;
  today: string;
  days_before: number[] | null;
  last_step_on: string | null;
  email: string | null;
  name: string | null;
  language: string;
  organisation_name: string;
  slug: string;
  campaign_name: string | null;
}

/**
 * Follow-ups whose next reminder day has come in their organisation's time zone. The index range on
 * next_reminder_on takes the UTC day plus one (no zone is more than 14 hours ahead), the exact local day is then
 * checked per organisation. SKIP LOCKED lets two workers share a backlog; the primary key of follow_up_reminders
 * makes a step go once even if they met on the same row. Exported for the benchmark's EXPLAIN.
 */
export const REMINDER_DUE_SQL = `
SELECT f.id, f.organization_id, f.title, to_char(f.due_on, 'YYYY-MM-DD') AS due_on, f.owner_id,
       to_char(($1::timestamptz AT TIME ZONE o.time_zone)::date, 'YYYY-MM-DD') AS today,
       s.days_before,
       (SELECT to_char(max(r.step_on), 'YYYY-MM-DD') FROM follow_up_reminders r
         WHERE r.follow_up_id = f.id AND r.due_on = f.due_on) AS last_step_on,
       CASE WHEN m.id IS NOT NULL THEN u.email END AS email, u.name,
       coalesce(p.language, o.default_language) AS language, o.name AS organisation_name, o.slug,
       c.name AS campaign_name
  FROM follow_ups f
  JOIN organization o ON o.id = f.organization_id
  LEFT JOIN follow_up_settings s ON s.organization_id = f.organization_id
  LEFT JOIN membership m ON m.organization_id = f.organization_id AND m.user_id = f.owner_id
  LEFT JOIN staff_user u ON u.id = f.owner_id
  LEFT JOIN follow_up_preferences p ON p.organization_id = f.organization_id AND p.user_id = f.owner_id
  LEFT JOIN campaigns c ON c.id = f.campaign_id
 WHERE f.next_reminder_on <= ($1::timestamptz AT TIME ZONE 'UTC')::date + 1
   AND f.next_reminder_on <= ($1::timestamptz AT TIME ZONE o.time_zone)::date
   AND f.status = 'open'
 ORDER BY f.next_reminder_on
 LIMIT $2
 FOR UPDATE OF f SKIP LOCKED`;

export interface ReminderPass {
  looked: number;
  staged: number;
}

/** Stages the reminder steps that came due, one transaction per batch; the outbox rows go in the same commit. */
@Injectable()
export class FollowUpReminderScan {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mail: MailService,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: RallyConfig,
  ) {}

  async run(batch = REMINDER_BATCH): Promise<ReminderPass> {
    const now = this.clock.now();
    const outboxIds: string[] = [];
    const pass = await this.db.transaction(async (manager) => {
      const due = await sqlRows<Candidate>(manager, REMINDER_DUE_SQL, [now, batch]);
      if (due.length === 0) return { looked: 0, staged: 0 };
      const sends = due.flatMap((f) => {
        const daysBefore = f.days_before ?? DEFAULT_DAYS_BEFORE;
        const step = stepToSend(f.due_on, daysBefore, f.today, f.last_step_on);
        // A former member is not mailed; the step passes, as it would for an owner who read it.
        return step && f.email ? [{ f, step }] : [];
      });
      const inserted = await this.record(
        sends.map(({ f, step }) => ({ f, key: step.key, on: step.on })),
        now,
        manager,
      );
      const byOrg = new Map<string, typeof sends>();
      for (const s of sends.filter((s) => inserted.has(`${s.f.id}|${s.step.key}`))) {
        const list = byOrg.get(s.f.organization_id);
        if (list) list.push(s);
        else byOrg.set(s.f.organization_id, [s]);
      }
      for (const [organisationId, rows] of byOrg)
        outboxIds.push(
          ...(await this.mail.stage(
            { organisationId },
            rows.map(({ f, step }) => {
              const overdue = step.key.startsWith('overdue:');
              return {
                to: f.email!,
                template: FOLLOW_UP_REMINDER_MAIL,
                data: {
                  name: f.name ?? '',
                  title: f.title,
                  overdue,
                  days: Math.abs(daysBetween(f.today, f.due_on)),
                  dueDate: formatDay(f.due_on, f.language),
                  campaignName: f.campaign_name ?? '',
                  organisationName: f.organisation_name,
                  url: `${this.config.http.publicUrl}/console/o/${f.slug}/follow-ups/${f.id}`,
                },
                idempotencyKey: `follow-up-reminder:${f.id}:${f.due_on}:${step.key}`,
                language: f.language,
              };
            }),
            manager,
          )),
        );
      await manager.query(
        `UPDATE follow_ups f SET next_reminder_on = x.next_on
           FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, next_on date) WHERE f.id = x.id`,
        [
          JSON.stringify(
            due.map((f) => ({
              id: f.id,
              next_on: nextReminderOn(f.due_on, f.days_before ?? DEFAULT_DAYS_BEFORE, f.today),
            })),
          ),
        ],
      );
      return { looked: due.length, staged: inserted.size };
    });
    await this.mail.dispatch(outboxIds);
    return pass;
  }

  /** The steps this pass owns: a row already there (another worker, a retry) means someone else sent it. */
  private async record(
    sends: { f: Candidate; key: string; on: string }[],
    now: Date,
    manager: EntityManager,
  ): Promise<Set<string>> {
    if (sends.length === 0) return new Set();
    const rows = await sqlRows<{ follow_up_id: string; step: string }>(
      manager,
      `INSERT INTO follow_up_reminders (follow_up_id, due_on, step, step_on, organization_id, owner_id, sent_at)
       SELECT x.follow_up_id, x.due_on, x.step, x.step_on, x.organization_id, x.owner_id, $2
         FROM jsonb_to_recordset($1::jsonb)
           AS x(follow_up_id uuid, due_on date, step text, step_on date, organization_id uuid, owner_id uuid)
       ON CONFLICT DO NOTHING
       RETURNING follow_up_id, step`,
      [
        JSON.stringify(
          sends.map(({ f, key, on }) => ({
            follow_up_id: f.id,
            due_on: f.due_on,
            step: key,
            step_on: on,
            organization_id: f.organization_id,
            owner_id: f.owner_id,
          })),
        ),
        now,
      ],
    );
    return new Set(rows.map((r) => `${r.follow_up_id}|${r.step}`));
  }
}
