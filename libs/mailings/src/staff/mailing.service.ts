import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { AuthContext, OrgScope } from '#rally/access';
import { AuditLog, OrganisationDirectory } from '#rally/access';
import { Clock, NotFoundError, sqlOne, sqlRow, sqlRows } from '#rally/core';
import { LetterTemplateInvalidError } from '#rally/letters';
import type { MailingAudience } from '../audience/audience.js';
import { AUDIENCE_WITHOUT_JIT, audienceSql } from '../audience/audience.js';
import { checkMailingVariants } from '../content/mailing-template.js';
import type { MailingCreateDto, MailingScheduleDto, MailingUpdateDto } from '../dto/mailing-request.dto.js';
import type { MailingResponse } from '../dto/mailing-response.dto.js';
import type { MailingStatus, MailingVariant } from '../entities/mailing.entity.js';
import { MailingInvalidError, MailingReferenceUnknownError, MailingStateError } from '../mailings.exception.js';
import { RunStager } from '../runs/run-stager.js';
import type { MailingSchedule } from '../schedule/schedule.js';
import { nextOccurrence } from '../schedule/schedule.js';

const DAY_MS = 86_400_000;
const EDITABLE: MailingStatus[] = ['draft', 'scheduled', 'paused'];
const DONE = { pause: 'paused', resume: 'resumed', cancel: 'cancelled' } as const;

interface MailingRow {
  id: string;
  name: string;
  audience: MailingAudience;
  variants: MailingVariant[];
  fallback_language: string;
  status: MailingStatus;
  schedule: MailingSchedule | null;
  next_run_at: Date | null;
  campaign_id: string | null;
  petition_id: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `id, name, audience, variants, fallback_language, status, schedule, next_run_at, campaign_id,
                 petition_id, version, created_at, updated_at`;

/** Staff work on mailings: content and audience (campaigners and admins), sending and scheduling (admins). */
@Injectable()
export class MailingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly directory: OrganisationDirectory,
    private readonly stager: RunStager,
    private readonly clock: Clock,
  ) {}

  async list(
    scope: OrgScope,
    query: { status?: string; limit: number; offset: number },
  ): Promise<{ items: MailingResponse[]; total: number }> {
    const where = `organization_id = $1 AND ($2::text IS NULL OR status = $2)`;
    const rows = await sqlRows<MailingRow>(
      this.db,
      `SELECT ${COLUMNS} FROM mailings WHERE ${where} ORDER BY updated_at DESC, id LIMIT $3 OFFSET $4`,
      [scope.organisationId, query.status ?? null, query.limit, query.offset],
    );
    const { total } = await sqlOne<{ total: number }>(
      this.db,
      `SELECT count(*)::int AS total FROM mailings WHERE ${where}`,
      [scope.organisationId, query.status ?? null],
    );
    const zone = (await this.directory.summary(scope)).timeZone;
    return { items: rows.map((r) => toResponse(r, zone)), total };
  }

  async get(scope: OrgScope, id: string, manager: EntityManager = this.db.manager): Promise<MailingResponse> {
    const row = await this.row(scope, id, manager);
    return toResponse(row, (await this.directory.summary(scope, manager)).timeZone);
  }

  async create(auth: AuthContext, input: MailingCreateDto): Promise<MailingResponse> {
    const variants = checkedVariants(input.variants, input.fallbackLanguage);
    const id = await this.db.transaction(async (manager) => {
      const audience = audienceOf(input.audience);
      const refs = await this.references(auth, audience, manager);
      const row = await sqlOne<{ id: string }>(
        manager,
        `INSERT INTO mailings (organization_id, name, audience, variants, fallback_language, campaign_id, petition_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          auth.organisationId,
          input.name.trim(),
          JSON.stringify(audience),
          JSON.stringify(variants),
          input.fallbackLanguage,
          refs.campaignId,
          refs.petitionId,
        ],
      );
      await this.audit.record(auth, { action: 'mailing.create', objectType: 'mailing', objectId: row.id }, manager);
      return row.id;
    });
    return this.get(auth, id);
  }

  async update(auth: AuthContext, id: string, input: MailingUpdateDto): Promise<MailingResponse> {
    await this.db.transaction(async (manager) => {
      const current = await this.row(auth, id, manager, true);
      if (!EDITABLE.includes(current.status)) throw new MailingStateError('edited', current.status);
      const fallback = input.fallbackLanguage ?? current.fallback_language;
      const variants = checkedVariants(input.variants ?? current.variants, fallback);
      const audience = input.audience ? audienceOf(input.audience) : current.audience;
      const refs = input.audience
        ? await this.references(auth, audience, manager)
        : { campaignId: current.campaign_id, petitionId: current.petition_id };
      if (current.schedule) this.assertScheduleFits(current.schedule, audience, refs.petitionId);
      await manager.query(
        `UPDATE mailings SET name = $2, audience = $3, variants = $4, fallback_language = $5, campaign_id = $6,
                petition_id = $7, version = version + 1, updated_at = now() WHERE id = $1`,
        [
          id,
          input.name?.trim() ?? current.name,
          JSON.stringify(audience),
          JSON.stringify(variants),
          fallback,
          refs.campaignId,
          refs.petitionId,
        ],
      );
      await this.audit.record(auth, { action: 'mailing.update', objectType: 'mailing', objectId: id }, manager);
    });
    return this.get(auth, id);
  }

  async remove(auth: AuthContext, id: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const current = await this.row(auth, id, manager, true);
      if (current.status !== 'draft') throw new MailingStateError('deleted', current.status);
      await manager.query(`DELETE FROM mailings WHERE id = $1`, [id]);
      await this.audit.record(auth, { action: 'mailing.delete', objectType: 'mailing', objectId: id }, manager);
    });
  }

  /**
   * Sends now, at a time, on a recurring schedule or relative to signing or the petition's close; calling it again
   * reschedules. A time already past (or "now") fires at once, in this request, so "send now" needs no worker tick.
   */
  async schedule(auth: AuthContext, id: string, input: MailingScheduleDto): Promise<MailingResponse> {
    const schedule = scheduleOf(input);
    const now = this.clock.now();
    await this.db.transaction(async (manager) => {
      const current = await this.row(auth, id, manager, true);
      if (!EDITABLE.includes(current.status)) throw new MailingStateError('scheduled', current.status);
      this.assertScheduleFits(schedule, current.audience, current.petition_id);
      const zone = (await this.directory.summary(auth, manager)).timeZone;
      const closesAt = await this.closesAt(current.petition_id, manager);
      if (schedule.kind === 'before-close' && !closesAt)
        throw new MailingInvalidError('kind', 'the petition has no closing date to count back from');
      let next: Date | null =
        schedule.kind === 'once' && new Date(schedule.at).getTime() <= now.getTime()
          ? now
          : nextOccurrence(schedule, zone, now, closesAt);
      if (schedule.kind === 'before-close' && !next && closesAt && closesAt.getTime() > now.getTime()) next = now;
      if (!next)
        throw new MailingInvalidError(schedule.kind === 'recurring' ? 'until' : 'days', 'no occurrence is left');
      await manager.query(
        `UPDATE mailings SET status = 'scheduled', schedule = $2, next_run_at = $3, covered_until = $4,
                version = version + 1, updated_at = now() WHERE id = $1`,
        [
          id,
          JSON.stringify(schedule),
          next,
          schedule.kind === 'after-signing' ? new Date(now.getTime() - schedule.days * DAY_MS) : null,
        ],
      );
      await this.audit.record(
        auth,
        { action: 'mailing.schedule', objectType: 'mailing', objectId: id, details: { kind: schedule.kind } },
        manager,
      );
    });
    await this.stager.fire(id);
    return this.get(auth, id);
  }

  /** Pausing holds both the schedule and any run sending; resuming fires a missed occurrence once. */
  async pause(auth: AuthContext, id: string): Promise<MailingResponse> {
    return this.transition(auth, id, 'pause', ['scheduled'], 'paused');
  }

  async resume(auth: AuthContext, id: string): Promise<MailingResponse> {
    return this.transition(auth, id, 'resume', ['paused'], 'scheduled');
  }

  /** No more occurrences; recipients of its runs not yet handed are skipped. Messages already handed still go. */
  async cancel(auth: AuthContext, id: string): Promise<MailingResponse> {
    return this.transition(auth, id, 'cancel', ['draft', 'scheduled', 'paused'], 'cancelled', async (manager) => {
      await manager.query(
        `UPDATE mailing_recipients r SET status = 'skipped' FROM mailing_runs u
          WHERE u.mailing_id = $1 AND r.run_id = u.id AND r.status = 'staged'`,
        [id],
      );
      await manager.query(
        `UPDATE mailing_runs SET status = 'cancelled', finished_at = now() WHERE mailing_id = $1 AND status = 'sending'`,
        [id],
      );
      await manager.query(`UPDATE mailings SET next_run_at = NULL WHERE id = $1`, [id]);
    });
  }

  /** Throws what a save would (422 naming each field). */
  assertVariants(variants: readonly MailingVariant[], fallback: string): void {
    checkedVariants(variants, fallback);
  }

  async count(scope: OrgScope, audience: MailingAudience): Promise<number> {
    const refs = await this.references(scope, audience, this.db.manager);
    const sql = audienceSql(scope.organisationId, audience, refs.campaignId);
    return this.db.transaction(async (manager) => {
      await manager.query(AUDIENCE_WITHOUT_JIT);
      const { n } = await sqlOne<{ n: number }>(
        manager,
        `SELECT count(DISTINCT a.address_hash)::int AS n FROM (${sql.sql}) a`,
        sql.params,
      );
      return n;
    });
  }

  private async transition(
    auth: AuthContext,
    id: string,
    action: 'pause' | 'resume' | 'cancel',
    from: MailingStatus[],
    to: MailingStatus,
    also?: (manager: EntityManager) => Promise<void>,
  ): Promise<MailingResponse> {
    await this.db.transaction(async (manager) => {
      const current = await this.row(auth, id, manager, true);
      if (!from.includes(current.status)) throw new MailingStateError(DONE[action], current.status);
      await manager.query(`UPDATE mailings SET status = $2, version = version + 1, updated_at = now() WHERE id = $1`, [
        id,
        to,
      ]);
      await also?.(manager);
      await this.audit.record(auth, { action: `mailing.${action}`, objectType: 'mailing', objectId: id }, manager);
    });
    if (action === 'resume') await this.stager.fire(id);
    return this.get(auth, id);
  }

  private async row(scope: OrgScope, id: string, manager: EntityManager, lock = false): Promise<MailingRow> {
    const row = await sqlRow<MailingRow>(
      manager,
      `SELECT ${COLUMNS} FROM mailings WHERE id = $1 AND organization_id = $2${lock ? ' FOR UPDATE' : ''}`,
      [id, scope.organisationId],
    );
    if (!row) throw new NotFoundError('Mailing');
    return row;
  }

  /** The campaign and petition the audience names, each checked to be the organisation's (422 naming the field). */
  private async references(
    scope: OrgScope,
    audience: MailingAudience,
    manager: EntityManager,
  ): Promise<{ campaignId: string | null; petitionId: string | null }> {
    const one = (sql: string, id: string) => sqlRow<{ campaign_id: string }>(manager, sql, [id, scope.organisationId]);
    switch (audience.kind) {
      case 'petition-signers': {
        const p = await one(
          `SELECT campaign_id FROM petitions WHERE id = $1 AND organization_id = $2`,
          audience.petitionId,
        );
        if (!p) throw new MailingReferenceUnknownError('audience.petitionId');
        return { campaignId: p.campaign_id, petitionId: audience.petitionId };
      }
      case 'letter-writers': {
        const a = await one(
          `SELECT campaign_id FROM letter_actions WHERE id = $1 AND organization_id = $2`,
          audience.actionId,
        );
        if (!a) throw new MailingReferenceUnknownError('audience.actionId');
        return { campaignId: a.campaign_id, petitionId: null };
      }
      case 'campaign-supporters': {
        const c = await one(
          `SELECT id AS campaign_id FROM campaigns WHERE id = $1 AND organization_id = $2`,
          audience.campaignId,
        );
        if (!c) throw new MailingReferenceUnknownError('audience.campaignId');
        return { campaignId: audience.campaignId, petitionId: null };
      }
      default:
        return { campaignId: null, petitionId: null };
    }
  }

  private assertScheduleFits(schedule: MailingSchedule, audience: MailingAudience, petitionId: string | null): void {
    if (schedule.kind === 'after-signing' && audience.kind !== 'petition-signers' && audience.kind !== 'letter-writers')
      throw new MailingInvalidError('kind', "'after-signing' needs an audience of petition signers or letter writers");
    if (schedule.kind === 'before-close' && !petitionId)
      throw new MailingInvalidError('kind', "'before-close' needs an audience of a petition's signers");
  }

  private async closesAt(petitionId: string | null, manager: EntityManager): Promise<Date | null> {
    if (!petitionId) return null;
    const row = await sqlRow<{ closes_at: Date | null }>(manager, `SELECT closes_at FROM petitions WHERE id = $1`, [
      petitionId,
    ]);
    return row?.closes_at ? new Date(row.closes_at) : null;
  }
}

/** Only the fields of its kind: what is stored is exactly what audienceSql reads. */
export function audienceOf(input: MailingCreateDto['audience']): MailingAudience {
  const f = input.filters;
  const filters = f
    ? {
        ...(f.countries?.length ? { countries: f.countries } : {}),
        ...(f.regions?.length ? { regions: f.regions } : {}),
        ...(f.languages?.length ? { languages: f.languages } : {}),
        ...(f.joinedAfter ? { joinedAfter: f.joinedAfter } : {}),
      }
    : undefined;
  const base = filters && Object.keys(filters).length ? { filters } : {};
  switch (input.kind) {
    case 'petition-signers':
      return { kind: input.kind, petitionId: input.petitionId!, ...base };
    case 'letter-writers':
      return { kind: input.kind, actionId: input.actionId!, ...base };
    case 'campaign-supporters':
      return { kind: input.kind, campaignId: input.campaignId!, ...base };
    case 'organisation-supporters':
      return { kind: input.kind, ...base };
    case 'staff':
      return { kind: input.kind, roles: input.roles! };
  }
}

function scheduleOf(input: MailingScheduleDto): MailingSchedule {
  switch (input.kind) {
    case 'once':
      return { kind: 'once', at: new Date(input.at!).toISOString() };
    case 'recurring':
      return {
        kind: 'recurring',
        frequency: input.frequency!,
        time: input.time!,
        ...(input.frequency === 'weekly' ? { weekday: input.weekday! } : {}),
        ...(input.frequency === 'monthly' ? { dayOfMonth: input.dayOfMonth! } : {}),
        ...(input.until ? { until: new Date(input.until).toISOString() } : {}),
      };
    case 'after-signing':
      return { kind: 'after-signing', days: input.days!, time: input.time! };
    case 'before-close':
      return { kind: 'before-close', days: input.days! };
  }
}

/** One variant per language, the fallback among them, every template valid (422 with line and column). */
function checkedVariants(variants: readonly MailingVariant[], fallback: string): MailingVariant[] {
  const languages = variants.map((v) => v.language);
  if (new Set(languages).size !== languages.length)
    throw new MailingInvalidError('variants', 'each language may have one variant only');
  if (!languages.includes(fallback))
    throw new MailingInvalidError('fallbackLanguage', 'the fallback language must be one of the variants');
  const problems = checkMailingVariants(variants);
  if (problems.length) throw new LetterTemplateInvalidError(problems);
  return variants.map((v) => ({ language: v.language, subject: v.subject, body: v.body }));
}

function toResponse(row: MailingRow, timeZone: string): MailingResponse {
  return {
    id: row.id,
    name: row.name,
    audience: row.audience as MailingResponse['audience'],
    variants: row.variants,
    fallbackLanguage: row.fallback_language,
    status: row.status,
    schedule: row.schedule as MailingResponse['schedule'],
    nextRunAt: row.next_run_at ? new Date(row.next_run_at).toISOString() : null,
    timeZone,
    campaignId: row.campaign_id,
    petitionId: row.petition_id,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
