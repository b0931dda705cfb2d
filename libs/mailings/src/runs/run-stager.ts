import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { OrganisationDirectory } from '#rally/access';
import type { OrgScope } from '#rally/core';
import { Clock, sqlOne, sqlRow, sqlRows } from '#rally/core';
import type { AudienceWindow } from '../audience/audience.js';
import { AUDIENCE_WITHOUT_JIT, audienceSql } from '../audience/audience.js';
import type { MailingRunContent, MailingRunContext } from '../entities/mailing-run.entity.js';
import type { Mailing } from '../entities/mailing.entity.js';
import { dueOccurrence } from '../schedule/schedule.js';

const DAY_MS = 86_400_000;

interface DueMailing {
  id: string;
  organization_id: string;
  audience: Mailing['audience'];
  variants: Mailing['variants'];
  fallback_language: string;
  schedule: NonNullable<Mailing['schedule']>;
  next_run_at: Date;
  covered_until: Date | null;
  campaign_id: string | null;
  petition_id: string | null;
}

/**
 * A 'before close' reminder's occurrence, from its petition's close date as it is now (`m` the mailing, `p` the
 * petition): 24-hour days, as nextOccurrence counts them. Read at every tick, never kept from the scheduling, so a
 * close date staff move later or earlier moves the reminder with it and petitions need not know mailings exist.
 */
const BEFORE_CLOSE_AT = `(p.closes_at - (m.schedule->>'days')::int * interval '24 hours')`;

/**
 * Fires mailings that are due: one run per (mailing, occurrence), its recipients staged by one INSERT ... SELECT of
 * the audience. The mailing row is locked (SKIP LOCKED) for the whole firing and the run's occurrence is unique, so
 * however many workers (and the api's "send now") look at once, one run is made; after downtime only the latest
 * missed occurrence fires, and the next one is computed from now. A 'before close' reminder fires once, while its
 * petition is open, at the occurrence its current close date gives; after it fired nothing re-arms it.
 */
@Injectable()
export class RunStager {
  private readonly logger = new Logger('MailingStager');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly directory: OrganisationDirectory,
    private readonly clock: Clock,
  ) {}

  /** Every due mailing, a few at a time; returns the runs made. */
  async fireDue(limit = 20): Promise<{ runId: string; staged: number }[]> {
    const now = this.clock.now();
    await this.followCloseDates();
    // A reminder of a petition not open (closed early, still a draft) or without a close date waits, and is not
    // picked again and again meanwhile: it would hold a place among the `limit` while others are due.
    const ids = await sqlRows<{ id: string }>(
      this.db,
      `SELECT m.id FROM mailings m
        WHERE m.status = 'scheduled' AND m.next_run_at <= $1
          AND (m.schedule->>'kind' <> 'before-close'
               OR EXISTS (SELECT 1 FROM petitions p
                           WHERE p.id = m.petition_id AND p.status = 'open' AND p.closes_at IS NOT NULL))
        ORDER BY m.next_run_at LIMIT $2`,
      [now, limit],
    );
    const runs: { runId: string; staged: number }[] = [];
    for (const { id } of ids) {
      const run = await this.fire(id);
      if (run) runs.push(run);
    }
    return runs;
  }

  /** One mailing, if it is still due and no one else is firing it; null otherwise. */
  async fire(mailingId: string): Promise<{ runId: string; staged: number } | null> {
    const now = this.clock.now();
    return this.db.transaction(async (manager) => {
      const mailing = await sqlRow<DueMailing>(
        manager,
        `SELECT m.id, m.organization_id, m.audience, m.variants, m.fallback_language, m.schedule, m.next_run_at,
                m.covered_until, m.campaign_id, m.petition_id
           FROM mailings m
          WHERE m.id = $1 AND m.status = 'scheduled' AND m.next_run_at IS NOT NULL
          FOR UPDATE SKIP LOCKED`,
        [mailingId],
      );
      if (!mailing) return null;
      let beforeClose: { occurrence: Date; next: null } | null = null;
      if (mailing.schedule.kind === 'before-close') {
        beforeClose = await this.beforeCloseDue(mailing.petition_id, mailing.schedule.days, now, manager);
        if (!beforeClose) return null;
      } else if (new Date(mailing.next_run_at).getTime() > now.getTime()) return null;
      const scope = { organisationId: mailing.organization_id };
      const org = await this.directory.summary(scope, manager);
      const { occurrence, next } =
        beforeClose ?? dueOccurrence(mailing.schedule, org.timeZone, new Date(mailing.next_run_at), now);
      let window: AudienceWindow | undefined;
      if (mailing.schedule.kind === 'after-signing') {
        const end = new Date(occurrence.getTime() - mailing.schedule.days * DAY_MS);
        window = { signedFrom: mailing.covered_until ? new Date(mailing.covered_until) : null, signedBefore: end };
      }
      await manager.query(
        `UPDATE mailings SET next_run_at = $2, covered_until = $3, updated_at = now() WHERE id = $1`,
        [mailing.id, next, window ? window.signedBefore : mailing.covered_until],
      );
      const content: MailingRunContent = {
        variants: mailing.variants,
        fallbackLanguage: mailing.fallback_language,
        sender: org.sendingAddress ? `${org.name.replace(/["<>\r\n]/g, '')} <${org.sendingAddress}>` : null,
        supporters: mailing.audience.kind !== 'staff',
      };
      const context = await this.context(
        scope,
        { campaignId: mailing.campaign_id, petitionId: mailing.petition_id },
        org.name,
        manager,
      );
      const run = await sqlRow<{ id: string }>(
        manager,
        `INSERT INTO mailing_runs (organization_id, mailing_id, occurrence, context, content, window_start, window_end)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (mailing_id, occurrence) DO NOTHING RETURNING id`,
        [
          mailing.organization_id,
          mailing.id,
          occurrence,
          JSON.stringify(context),
          JSON.stringify(content),
          window?.signedFrom ?? null,
          window?.signedBefore ?? null,
        ],
      );
      if (!run) return null;
      const staged = await this.stage(run.id, mailing, window, manager);
      this.logger.log({ msg: 'mailing run staged', mailingId: mailing.id, runId: run.id, staged });
      return { runId: run.id, staged };
    });
  }

  /**
   * Keeps each pending 'before close' reminder's next_run_at on its petition's close date as it is now (what staff
   * see, and what the due query reads). One statement per tick; it writes only the reminders whose date moved.
   */
  private async followCloseDates(): Promise<void> {
    await this.db.query(
      `UPDATE mailings m SET next_run_at = ${BEFORE_CLOSE_AT}, updated_at = now()
         FROM petitions p
        WHERE p.id = m.petition_id AND m.status IN ('scheduled', 'paused') AND m.schedule->>'kind' = 'before-close'
          AND m.next_run_at IS NOT NULL AND p.closes_at IS NOT NULL AND m.next_run_at <> ${BEFORE_CLOSE_AT}`,
    );
  }

  /**
   * The reminder's occurrence when it is due now: its petition open, with a close date whose count back has come.
   * The petition row is read FOR SHARE, so a close racing this firing waits for the staging or wins before it: a
   * petition closed early never gets its "before close" mail after it closed.
   */
  private async beforeCloseDue(
    petitionId: string | null,
    days: number,
    now: Date,
    manager: EntityManager,
  ): Promise<{ occurrence: Date; next: null } | null> {
    const petition = await sqlRow<{ closes_at: Date | null; status: string }>(
      manager,
      `SELECT closes_at, status FROM petitions WHERE id = $1 FOR SHARE`,
      [petitionId],
    );
    if (!petition?.closes_at || petition.status !== 'open') return null;
    const at = new Date(new Date(petition.closes_at).getTime() - days * DAY_MS);
    return at.getTime() <= now.getTime() ? { occurrence: at, next: null } : null;
  }

  /**
   * The audience into mailing_recipients in one statement. A plain INSERT, not ON CONFLICT DO NOTHING: the audience
   * never repeats an address (supporters are unique per organisation by normalised address, its joins are one to one
   * or semi-joins, staff are made distinct in audienceSql), and the speculative insertion ON CONFLICT makes cost
   * ~1.8 µs a row, 180 ms of the 1.35 s that staging 100,000 took (docs/benchmarks.md, "Mailings"). Should an
   * audience ever repeat one, the unique (run, address) index refuses the staging: nobody gets the mail twice.
   */
  private async stage(
    runId: string,
    mailing: DueMailing,
    window: AudienceWindow | undefined,
    manager: EntityManager,
  ): Promise<number> {
    const audience = audienceSql(mailing.organization_id, mailing.audience, mailing.campaign_id, window);
    const n = audience.params.length;
    await manager.query(AUDIENCE_WITHOUT_JIT);
    const { staged } = await sqlOne<{ staged: number }>(
      manager,
      `WITH inserted AS (
         INSERT INTO mailing_recipients (run_id, organization_id, supporter_id, email, address_hash, language)
         SELECT $${n + 1}, $1, a.supporter_id, a.email, a.address_hash, a.language FROM (${audience.sql}) a
         RETURNING 1)
       SELECT count(*)::int AS staged FROM inserted`,
      [...audience.params, runId],
    );
    await manager.query(`UPDATE mailing_runs SET staged = $2 WHERE id = $1`, [runId, staged]);
    return staged;
  }

  /** The campaign, petition and latest response as they are now: every recipient of the run sees the same. */
  async context(
    scope: OrgScope,
    refs: { campaignId: string | null; petitionId: string | null },
    organisation: string,
    manager: EntityManager = this.db.manager,
  ): Promise<MailingRunContext> {
    const row = await sqlRow<{
      campaign: string | null;
      title: string | null;
      count: number | null;
      goal: number | null;
      target: string | null;
      summary: string | null;
      occurred_on: string | null;
    }>(
      manager,
      `SELECT (SELECT name FROM campaigns WHERE id = $2 AND organization_id = $1) AS campaign,
              p.title, (coalesce(pc.online, 0) + coalesce(pc.paper, 0))::int AS count, p.goal,
              r.target, r.summary, r.occurred_on
         FROM (SELECT 1) one
         LEFT JOIN petitions p ON p.id = $3 AND p.organization_id = $1
         LEFT JOIN petition_counts pc ON pc.petition_id = p.id
         LEFT JOIN LATERAL (
           SELECT t.name AS target, x.summary, to_char(x.occurred_on, 'YYYY-MM-DD') AS occurred_on
             FROM responses x JOIN targets t ON t.id = x.target_id
            WHERE x.organization_id = $1 AND x.campaign_id = $2 AND x.status = 'recorded'
            ORDER BY x.occurred_on DESC, x.created_at DESC LIMIT 1) r ON true`,
      [scope.organisationId, refs.campaignId, refs.petitionId],
    );
    return {
      organisation: { name: organisation },
      campaign: { name: row?.campaign ?? '' },
      petition: {
        title: row?.title ?? '',
        count: row?.count !== null && row?.count !== undefined && row.title !== null ? String(row.count) : '',
        goal: row?.goal !== null && row?.goal !== undefined ? String(row.goal) : '',
      },
      response: { target: row?.target ?? '', summary: row?.summary ?? '', date: row?.occurred_on ?? '' },
    };
  }
}
