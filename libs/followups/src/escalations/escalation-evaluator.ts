import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { RallyConfig } from '#rally/core';
import { Clock, InjectConfig, sqlRow, sqlRows } from '#rally/core';
import { MailService } from '#rally/mail';
import type { EscalationAction } from '../entities/escalation-rule.entity.js';
import type { EscalationOutcome } from '../entities/escalation-run.entity.js';
import { DEFAULT_DAYS_BEFORE } from '../entities/follow-up-settings.entity.js';
import { FOLLOW_UP_ESCALATION_MAIL, formatDay } from '../mail/follow-up-mail.templates.js';
import { addDays, firstReminderOn } from '../reminders/reminder-steps.js';
import { DIGEST_MEMBER_ROLES } from '../settings/follow-up-settings.service.js';

/** Pairs per tick: a new rule over a large campaign is worked through over a few ticks. */
const PAIRS_PER_TICK = 100;

/** The stances that answer the asks (acknowledged does not): the same split as the response-time scoreboard's. */
export const SUBSTANTIVE_STANCES = ['committed', 'partially-committed', 'refused'];

interface Due {
  rule_id: string;
  organization_id: string;
  campaign_id: string;
  campaign_name: string;
  rule_name: string;
  days: number;
  action: EscalationAction;
  owner_id: string | null;
  follow_up_title: string | null;
  follow_up_due_days: number;
  letter_action_id: string | null;
  target_id: string;
  target_name: string;
  delivered_at: Date;
  delivered_on: string;
  today: string;
  slug: string;
}

/**
 * Rule and target pairs whose N days since the target's first delivered letter of the campaign (test letters aside)
 * have passed with no substantive response recorded for the target (in this campaign or in none) since that day,
 * and no run yet. Rules that acted are never evaluated again for that target.
 */
const DUE_PAIRS = `
SELECT r.id AS rule_id, r.organization_id, r.campaign_id, c.name AS campaign_name, r.name AS rule_name, r.days,
       r.action, r.owner_id, r.follow_up_title, r.follow_up_due_days, r.letter_action_id,
       l.target_id, t.name AS target_name, min(l.handed_at) AS delivered_at, o.slug,
       to_char((min(l.handed_at) AT TIME ZONE o.time_zone)::date, 'YYYY-MM-DD') AS delivered_on,
       to_char(($1::timestamptz AT TIME ZONE o.time_zone)::date, 'YYYY-MM-DD') AS today
  FROM escalation_rules r
  JOIN organization o ON o.id = r.organization_id
  JOIN campaigns c ON c.id = r.campaign_id
  JOIN letter_actions a ON a.campaign_id = r.campaign_id AND a.organization_id = r.organization_id
  JOIN letters l ON l.action_id = a.id AND l.handed_at IS NOT NULL AND NOT l.test_mode
  JOIN targets t ON t.id = l.target_id
 WHERE r.enabled AND (r.target_ids IS NULL OR l.target_id = ANY (r.target_ids))
   AND NOT EXISTS (SELECT 1 FROM escalation_runs x WHERE x.rule_id = r.id AND x.target_id = l.target_id)
 GROUP BY r.id, c.name, l.target_id, t.name, o.slug, o.time_zone
HAVING min(l.handed_at) <= $1::timestamptz - make_interval(days => r.days)
   AND NOT EXISTS (
         SELECT 1 FROM responses s
          WHERE s.organization_id = r.organization_id AND s.target_id = l.target_id AND s.status = 'recorded'
            AND s.stance = ANY ($2::text[]) AND (s.campaign_id IS NULL OR s.campaign_id = r.campaign_id)
            AND s.occurred_on >= (min(l.handed_at) AT TIME ZONE o.time_zone)::date)
 ORDER BY min(l.handed_at)
 LIMIT $3`;

/**
 * Evaluates escalation rules: each due pair is claimed by inserting its run (unique rule and target, ON CONFLICT DO
 * NOTHING) in the transaction that acts, so two workers never act twice; the loser's insert waits for the winner's
 * commit, then does nothing.
 */
@Injectable()
export class EscalationEvaluator {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mail: MailService,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: RallyConfig,
  ) {}

  async run(): Promise<{ due: number; acted: number }> {
    const now = this.clock.now();
    const due = await sqlRows<Due>(this.db, DUE_PAIRS, [now, SUBSTANTIVE_STANCES, PAIRS_PER_TICK]);
    let acted = 0;
    for (const pair of due) {
      const outboxIds: string[] = [];
      const did = await this.db.transaction(async (manager) => {
        const claimed = await sqlRow<{ id: string }>(
          manager,
          `INSERT INTO escalation_runs (rule_id, organization_id, target_id, delivered_at, ran_at, outcome)
           VALUES ($1, $2, $3, $4, $5, 'skipped') ON CONFLICT (rule_id, target_id) DO NOTHING RETURNING id`,
          [pair.rule_id, pair.organization_id, pair.target_id, pair.delivered_at, now],
        );
        if (!claimed) return false;
        const result = await this.act(pair, now, manager, outboxIds);
        await manager.query(`UPDATE escalation_runs SET outcome = $2, detail = $3, follow_up_id = $4 WHERE id = $1`, [
          claimed.id,
          result.outcome,
          result.detail ?? '',
          result.followUpId ?? null,
        ]);
        return true;
      });
      await this.mail.dispatch(outboxIds);
      if (did) acted += 1;
    }
    return { due: due.length, acted };
  }

  private async act(
    pair: Due,
    now: Date,
    manager: EntityManager,
    outboxIds: string[],
  ): Promise<{ outcome: EscalationOutcome; detail?: string; followUpId?: string }> {
    switch (pair.action) {
      case 'follow-up':
        return this.createFollowUp(pair, manager);
      case 'open-action':
        return this.openAction(pair, now, manager);
      case 'notify':
        outboxIds.push(...(await this.notify(pair, now, manager)));
        return outboxIds.length > 0
          ? { outcome: 'coordinators-notified' }
          : { outcome: 'skipped', detail: 'no coordinator or admin to notify' };
    }
  }

  /** A follow-up "<title>: <target>" for the rule's owner, due in its days from the organisation's today. */
  private async createFollowUp(pair: Due, manager: EntityManager) {
    const member = await sqlRow(manager, `SELECT 1 FROM membership WHERE organization_id = $1 AND user_id = $2`, [
      pair.organization_id,
      pair.owner_id,
    ]);
    if (!member) return { outcome: 'skipped' as const, detail: 'the owner is no longer a member' };
    const settings = await sqlRow<{ days_before: number[] }>(
      manager,
      `SELECT days_before FROM follow_up_settings WHERE organization_id = $1`,
      [pair.organization_id],
    );
    const dueOn = addDays(pair.today, pair.follow_up_due_days);
    const row = await sqlRow<{ id: string }>(
      manager,
      `INSERT INTO follow_ups (organization_id, title, note, due_on, owner_id, status, campaign_id, next_reminder_on)
       VALUES ($1, $2, $3, $4, $5, 'open', $6, $7) RETURNING id`,
      [
        pair.organization_id,
        `${pair.follow_up_title}: ${pair.target_name}`.slice(0, 300),
        `Created by the escalation rule "${pair.rule_name}": no substantive response in ${pair.days} days.`,
        dueOn,
        pair.owner_id,
        pair.campaign_id,
        firstReminderOn(dueOn, settings?.days_before ?? DEFAULT_DAYS_BEFORE),
      ],
    );
    await manager.query(
      `INSERT INTO follow_up_targets (follow_up_id, target_id, organization_id) VALUES ($1, $2, $3)`,
      [row!.id, pair.target_id, pair.organization_id],
    );
    return { outcome: 'follow-up-created' as const, followUpId: row!.id };
  }

  /** The prepared next wave goes live, if it is still a draft with a letter in its language (as staff opening it). */
  private async openAction(pair: Due, now: Date, manager: EntityManager) {
    const opened = await sqlRow<{ id: string }>(
      manager,
      `UPDATE letter_actions a SET status = 'open', opened_at = $3, updated_at = $3
        WHERE a.id = $1 AND a.organization_id = $2 AND a.status = 'draft'
          AND EXISTS (SELECT 1 FROM letter_templates lt WHERE lt.action_id = a.id AND lt.language = a.language)
        RETURNING a.id`,
      [pair.letter_action_id, pair.organization_id, now],
    );
    if (opened) return { outcome: 'action-opened' as const };
    const current = await sqlRow<{ status: string }>(manager, `SELECT status FROM letter_actions WHERE id = $1`, [
      pair.letter_action_id,
    ]);
    return {
      outcome: 'action-not-opened' as const,
      detail: !current
        ? 'the letter action was deleted'
        : current.status !== 'draft'
          ? `the letter action was ${current.status} already`
          : 'the letter action has no letter in its language yet',
    };
  }

  /** Coordinators and admins of the organisation, each in their language. */
  private async notify(pair: Due, now: Date, manager: EntityManager): Promise<string[]> {
    const members = await sqlRows<{ user_id: string; email: string; name: string; language: string }>(
      manager,
      `SELECT u.id AS user_id, u.email, u.name, coalesce(p.language, o.default_language) AS language
         FROM membership m JOIN staff_user u ON u.id = m.user_id JOIN organization o ON o.id = m.organization_id
         LEFT JOIN follow_up_preferences p ON p.organization_id = m.organization_id AND p.user_id = m.user_id
        WHERE m.organization_id = $1 AND m.role = ANY ($2::text[]) ORDER BY u.email`,
      [pair.organization_id, DIGEST_MEMBER_ROLES],
    );
    return this.mail.stage(
      { organisationId: pair.organization_id },
      members.map((m) => ({
        to: m.email,
        template: FOLLOW_UP_ESCALATION_MAIL,
        data: {
          name: m.name,
          ruleName: pair.rule_name,
          campaignName: pair.campaign_name,
          targetName: pair.target_name,
          days: pair.days,
          deliveredOn: formatDay(pair.delivered_on, m.language),
          url: `${this.config.http.publicUrl}/console/o/${pair.slug}/responses?targetId=${pair.target_id}`,
        },
        idempotencyKey: `escalation:${pair.rule_id}:${pair.target_id}:${m.user_id}`,
        language: m.language,
      })),
      manager,
    );
  }
}
