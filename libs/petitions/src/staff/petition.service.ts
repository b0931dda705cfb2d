import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, ILike, QueryFailedError } from 'typeorm';
import type { AuthContext, OrgScope } from '#rally/access';
import { escapeLike, InvalidInputError, NotFoundError, sqlRows } from '#rally/core';
import { CampaignService } from '#rally/campaigns';
import { MailService } from '#rally/mail';
import { AuditLog } from '#rally/access';
import type { PetitionCreateDto, PetitionSort, PetitionUpdateDto } from '../dto/petition.dto.js';
import { PaperSignatureBatch } from '../entities/paper-signature-batch.entity.js';
import type { PetitionStatus } from '../entities/petition.entity.js';
import { Petition } from '../entities/petition.entity.js';
import { PetitionCountsRepository } from '../counts/petition-counts.repository.js';
import { PetitionNotifier } from '../petition-notifier.js';
import {
  PetitionCloseDatePassedError,
  PetitionTransitionError,
  PetitionSlugTakenError,
} from '../petitions.exception.js';

export type PetitionAction = 'open' | 'close' | 'deliver' | 'reopen';

/** Which action moves a petition from which states, and where to. Reopen is the only way back. */
const TRANSITIONS: Record<PetitionAction, { from: PetitionStatus[]; to: PetitionStatus }> = {
  open: { from: ['draft'], to: 'open' },
  close: { from: ['open'], to: 'closed' },
  deliver: { from: ['closed'], to: 'delivered' },
  reopen: { from: ['closed'], to: 'open' },
};

const DONE: Record<PetitionAction, string> = {
  open: 'opened',
  close: 'closed',
  deliver: 'delivered',
  reopen: 'reopened',
};

/** Reserved so they never shadow the public asset routes under /p/. */
const RESERVED_SLUGS = new Set(['assets', 'widget', 'confirm']);

@Injectable()
export class PetitionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly campaigns: CampaignService,
    private readonly counts: PetitionCountsRepository,
    private readonly notifier: PetitionNotifier,
    private readonly mail: MailService,
    private readonly audit: AuditLog,
  ) {}

  async create(auth: AuthContext, input: PetitionCreateDto): Promise<Petition> {
    await this.campaigns.get(auth, input.campaignId);
    if (RESERVED_SLUGS.has(input.slug)) throw new PetitionSlugTakenError();
    const closesAt = input.closesAt ? futureDate(input.closesAt) : null;
    return this.db.transaction(async (manager) => {
      const petition = manager.create(Petition, {
        organisationId: auth.organisationId,
        campaignId: input.campaignId,
        slug: input.slug,
        title: input.title,
        ask: input.ask,
        targetDescription: input.targetDescription ?? '',
        goal: input.goal,
        milestones: sortedMilestones(input.milestones ?? []),
        language: input.language,
        status: 'draft',
        closesAt,
      });
      const saved = await manager.save(petition).catch(rethrowSlugTaken);
      await manager.query(`INSERT INTO petition_counts (petition_id, organization_id) VALUES ($1, $2)`, [
        saved.id,
        auth.organisationId,
      ]);
      await this.audit.record(auth, { action: 'petition.create', objectType: 'petition', objectId: saved.id }, manager);
      return saved;
    });
  }

  async list(
    scope: OrgScope,
    query: {
      campaignId?: string;
      status?: PetitionStatus;
      q?: string;
      sort?: PetitionSort;
      limit: number;
      offset: number;
    },
  ): Promise<{ items: Petition[]; total: number }> {
    const base = {
      organisationId: scope.organisationId,
      ...(query.campaignId ? { campaignId: query.campaignId } : {}),
      ...(query.status ? { status: query.status } : {}),
    };
    const like = query.q ? ILike(`%${escapeLike(query.q)}%`) : undefined;
    const order = { newest: { createdAt: 'DESC' }, oldest: { createdAt: 'ASC' }, title: { title: 'ASC' } } as const;
    const [items, total] = await this.db.getRepository(Petition).findAndCount({
      // A list of conditions is an OR: the text in the title, or in the address.
      where: like
        ? [
            { ...base, title: like },
            { ...base, slug: like },
          ]
        : base,
      order: { ...order[query.sort ?? 'newest'], id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items, total };
  }

  /** Another organisation's petition answers exactly like a missing one. */
  async get(scope: OrgScope, id: string): Promise<Petition> {
    const petition = await this.db.getRepository(Petition).findOneBy({ id, organisationId: scope.organisationId });
    if (!petition) throw new NotFoundError('Petition');
    return petition;
  }

  async update(auth: AuthContext, id: string, input: PetitionUpdateDto): Promise<Petition> {
    const petition = await this.get(auth, id);
    if (input.title !== undefined) petition.title = input.title;
    if (input.ask !== undefined) petition.ask = input.ask;
    if (input.targetDescription !== undefined) petition.targetDescription = input.targetDescription;
    if (input.goal !== undefined) petition.goal = input.goal;
    if (input.milestones !== undefined) petition.milestones = sortedMilestones(input.milestones);
    if (input.language !== undefined) petition.language = input.language;
    if (input.closesAt !== undefined) petition.closesAt = input.closesAt === null ? null : futureDate(input.closesAt);
    return this.db.transaction(async (manager) => {
      const saved = await manager.getRepository(Petition).save(petition);
      await this.audit.record(
        auth,
        { action: 'petition.update', objectType: 'petition', objectId: id, details: { fields: Object.keys(input) } },
        manager,
      );
      return saved;
    });
  }

  async transition(auth: AuthContext, id: string, action: PetitionAction): Promise<Petition> {
    const petition = await this.get(auth, id);
    const rule = TRANSITIONS[action];
    if (!rule.from.includes(petition.status)) throw new PetitionTransitionError(petition.status, DONE[action]);
    if (rule.to === 'open' && petition.closesAt && petition.closesAt.getTime() <= Date.now())
      throw new PetitionCloseDatePassedError();
    const now = new Date();
    // The status in the WHERE makes a concurrent transition (or the close job) win cleanly instead of overwriting.
    const stamp = { open: 'opened_at', closed: 'closed_at', delivered: 'delivered_at', draft: 'updated_at' }[rule.to];
    await this.db.transaction(async (manager) => {
      const rows = await sqlRows<unknown>(
        manager,
        `UPDATE petitions SET status = $3, ${stamp} = $4, updated_at = now() WHERE id = $1 AND organization_id = $2 AND status = $5 RETURNING id`,
        [id, auth.organisationId, rule.to, now, petition.status],
      );
      if (rows.length === 0) throw new PetitionTransitionError(petition.status, DONE[action]);
      await this.audit.record(
        auth,
        {
          action: `petition.${action}`,
          objectType: 'petition',
          objectId: id,
          details: { from: petition.status, to: rule.to },
        },
        manager,
      );
    });
    return this.get(auth, id);
  }

  async addPaperSignatures(
    auth: AuthContext,
    id: string,
    input: { count: number; sourceNote: string },
  ): Promise<PaperSignatureBatch> {
    const petition = await this.get(auth, id);
    const addedBy = auth.actor.kind === 'user' ? `user:${auth.actor.userId}` : `token:${auth.actor.tokenId}`;
    const { batch, outboxIds } = await this.db.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(PaperSignatureBatch, {
          organisationId: auth.organisationId,
          petitionId: petition.id,
          count: input.count,
          sourceNote: input.sourceNote,
          addedBy,
        }),
      );
      const totals = await this.counts.addPaper(auth, petition.id, input.count, manager);
      await this.audit.record(
        auth,
        {
          action: 'petition.paper-signatures.add',
          objectType: 'petition',
          objectId: petition.id,
          details: { count: input.count, batchId: saved.id },
        },
        manager,
      );
      return { batch: saved, outboxIds: await this.notifier.announceMilestones([totals], manager) };
    });
    await this.mail.dispatch(outboxIds);
    return batch;
  }

  async recordExport(auth: AuthContext, id: string): Promise<void> {
    await this.audit.record(auth, { action: 'petition.signatures.export', objectType: 'petition', objectId: id });
  }

  async listPaperSignatures(
    scope: OrgScope,
    id: string,
    window: { limit: number; offset: number },
  ): Promise<{ items: PaperSignatureBatch[]; total: number }> {
    await this.get(scope, id);
    const [items, total] = await this.db.getRepository(PaperSignatureBatch).findAndCount({
      where: { organisationId: scope.organisationId, petitionId: id },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: window.limit,
      skip: window.offset,
    });
    return { items, total };
  }
}

function futureDate(value: string): Date {
  const date = new Date(value);
  if (date.getTime() <= Date.now()) throw new InvalidInputError({ closesAt: ['must be in the future'] });
  return date;
}

function sortedMilestones(values: number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

function rethrowSlugTaken(error: unknown): never {
  if (error instanceof QueryFailedError && (error as QueryFailedError & { code?: string }).code === '23505')
    throw new PetitionSlugTakenError();
  throw error;
}
