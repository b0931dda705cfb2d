import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { RallyConfig } from '#rally/core';
import { Clock, InjectConfig, sqlRows } from '#rally/core';
import { MailService } from '#rally/mail';
import { FOLLOWUPS_CONFIG } from '../followups.config.js';
import type { DigestItem } from '../mail/follow-up-mail.templates.js';
import { FOLLOW_UP_DIGEST_MAIL, formatDay } from '../mail/follow-up-mail.templates.js';
import { DIGEST_MEMBER_ROLES } from '../settings/follow-up-settings.service.js';

/** "Due soon" in the digest: the coming week, the span a coordinator plans calls and meetings in. */
export const DIGEST_HORIZON_DAYS = 7;
/** Listed per mail; the rest is counted and a link leads to the console. */
const DIGEST_ITEMS = 50;
const MEMBERS_PER_PASS = 200;

interface Recipient {
  organization_id: string;
  user_id: string;
  email: string;
  name: string;
  language: string;
  organisation_name: string;
  slug: string;
  today: string;
}

/**
 * Members who asked for the digest (coordinators and admins of an organisation that allows it), once the
 * organisation's local hour reached FOLLOWUP_DIGEST_HOUR, and who have none for that local day yet.
 */
const DUE = `
SELECT p.organization_id, p.user_id, u.email, u.name, coalesce(p.language, o.default_language) AS language,
       o.name AS organisation_name, o.slug,
       to_char(($1::timestamptz AT TIME ZONE o.time_zone)::date, 'YYYY-MM-DD') AS today
  FROM follow_up_preferences p
  JOIN organization o ON o.id = p.organization_id
  JOIN membership m ON m.organization_id = p.organization_id AND m.user_id = p.user_id AND m.role = ANY($3::text[])
  JOIN staff_user u ON u.id = p.user_id
  LEFT JOIN follow_up_settings s ON s.organization_id = p.organization_id
 WHERE p.digest AND coalesce(s.digest, true)
   AND extract(hour FROM $1::timestamptz AT TIME ZONE o.time_zone) >= $2
   AND NOT EXISTS (SELECT 1 FROM follow_up_digests d
                    WHERE d.organization_id = p.organization_id AND d.user_id = p.user_id
                      AND d.local_day = ($1::timestamptz AT TIME ZONE o.time_zone)::date)
 LIMIT $4
 FOR UPDATE OF p SKIP LOCKED`;

interface OpenItem {
  title: string;
  due_on: string;
  owner: string | null;
  overdue: boolean;
  total: number;
  overdue_total: number;
}

/** The daily digest: one row per member and local day (primary key) written with the outbox row, never two. */
@Injectable()
export class FollowUpDigestScan {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mail: MailService,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: RallyConfig,
  ) {}

  async run(): Promise<{ members: number; staged: number }> {
    const now = this.clock.now();
    const hour = this.config.section(FOLLOWUPS_CONFIG).digestHour;
    const outboxIds: string[] = [];
    const pass = await this.db.transaction(async (manager) => {
      const due = await sqlRows<Recipient>(manager, DUE, [now, hour, DIGEST_MEMBER_ROLES, MEMBERS_PER_PASS]);
      const items = new Map<string, OpenItem[]>();
      let staged = 0;
      for (const r of due) {
        const key = `${r.organization_id}|${r.today}`;
        if (!items.has(key)) items.set(key, await this.openItems(r.organization_id, r.today, manager));
        const list = items.get(key)!;
        const claimed = await sqlRows(
          manager,
          `INSERT INTO follow_up_digests (organization_id, user_id, local_day, items, sent_at)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING 1`,
          [r.organization_id, r.user_id, r.today, list[0]?.total ?? 0, now],
        );
        // Nothing overdue or due soon: the day is marked done, and no empty mail goes.
        if (claimed.length === 0 || list.length === 0) continue;
        const item = (i: OpenItem): DigestItem => ({
          title: i.title,
          dueDate: formatDay(i.due_on, r.language),
          owner: i.owner ?? '',
        });
        const overdue = list.filter((i) => i.overdue);
        const soon = list.filter((i) => !i.overdue);
        const overdueCount = list[0]!.overdue_total;
        outboxIds.push(
          ...(await this.mail.stage(
            { organisationId: r.organization_id },
            [
              {
                to: r.email,
                template: FOLLOW_UP_DIGEST_MAIL,
                data: {
                  name: r.name,
                  organisationName: r.organisation_name,
                  day: formatDay(r.today, r.language),
                  horizon: DIGEST_HORIZON_DAYS,
                  overdueCount,
                  soonCount: list[0]!.total - overdueCount,
                  overdue: overdue.map(item),
                  soon: soon.map(item),
                  more: list[0]!.total - list.length,
                  url: `${this.config.http.publicUrl}/console/o/${r.slug}/follow-ups?view=all`,
                },
                idempotencyKey: `follow-up-digest:${r.organization_id}:${r.user_id}:${r.today}`,
                language: r.language,
              },
            ],
            manager,
          )),
        );
        staged += 1;
      }
      return { members: due.length, staged };
    });
    await this.mail.dispatch(outboxIds);
    return pass;
  }

  /** Open follow-ups overdue or due within the horizon, the oldest due first, with the totals (window counts). */
  private openItems(organisationId: string, today: string, manager: EntityManager): Promise<OpenItem[]> {
    return sqlRows<OpenItem>(
      manager,
      `SELECT f.title, to_char(f.due_on, 'YYYY-MM-DD') AS due_on, u.name AS owner, f.due_on < $2::date AS overdue,
              count(*) OVER ()::int AS total, (count(*) FILTER (WHERE f.due_on < $2::date) OVER ())::int AS overdue_total
         FROM follow_ups f LEFT JOIN staff_user u ON u.id = f.owner_id
        WHERE f.organization_id = $1 AND f.status = 'open' AND f.due_on <= $2::date + $3::int
        ORDER BY f.due_on, f.created_at, f.id LIMIT $4`,
      [organisationId, today, DIGEST_HORIZON_DAYS, DIGEST_ITEMS],
    );
  }
}
