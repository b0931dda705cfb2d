import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource, ILike, QueryFailedError } from 'typeorm';
import type { AuthContext, OrgScope } from '#rally/access';
import { AuditLog, OrganisationDirectory } from '#rally/access';
import { escapeLike, InjectConfig, InvalidInputError, NotFoundError, sqlRows } from '#rally/core';
import { CampaignService } from '#rally/campaigns';
import { RecommendationService } from '#rally/recommendations';
import { Target } from '#rally/targets';
import type {
  LetterActionCreateDto,
  LetterActionSort,
  LetterActionUpdateDto,
  LetterRoutingDto,
  LetterTemplateDto,
} from '../dto/letter-action.dto.js';
import type { LetterActionStatus, LetterRouting } from '../entities/letter-action.entity.js';
import { LetterAction } from '../entities/letter-action.entity.js';
import { LetterTemplate } from '../entities/letter-template.entity.js';
import type { LettersConfig } from '../letters.config.js';
import { LETTERS_CONFIG } from '../letters.config.js';
import {
  LetterActionNotReadyError,
  LetterActionSlugTakenError,
  LetterActionTransitionError,
  LetterTemplateInvalidError,
} from '../letters.exception.js';
import { LetterTemplates } from '../template/letter-templates.js';

export type LetterActionTransition = 'open' | 'close' | 'reopen';

const TRANSITIONS: Record<LetterActionTransition, { from: LetterActionStatus[]; to: LetterActionStatus }> = {
  open: { from: ['draft'], to: 'open' },
  close: { from: ['open'], to: 'closed' },
  reopen: { from: ['closed'], to: 'open' },
};
const DONE: Record<LetterActionTransition, string> = { open: 'opened', close: 'closed', reopen: 'reopened' };

/** Reserved so they never shadow the public asset routes under /l/. */
const RESERVED_SLUGS = new Set(['assets']);

/** Routing with every optional part filled, checked for what the DTO alone cannot see. */
function routingOf(input: LetterRoutingDto, previous?: LetterRouting): LetterRouting {
  const r: LetterRouting = {
    mode: input.mode,
    targetIds: input.targetIds ?? previous?.targetIds ?? [],
    kinds: input.kinds ?? previous?.kinds ?? [],
    focusArea: input.focusArea !== undefined ? input.focusArea : (previous?.focusArea ?? null),
    recommendationCode:
      input.recommendationCode !== undefined ? input.recommendationCode : (previous?.recommendationCode ?? null),
    min: input.min ?? previous?.min ?? 1,
    max: input.max ?? previous?.max ?? 5,
    sampleSize: input.sampleSize ?? previous?.sampleSize ?? 1,
    fallbackTargetId:
      input.fallbackTargetId !== undefined ? input.fallbackTargetId : (previous?.fallbackTargetId ?? null),
    maxTargets: input.maxTargets ?? previous?.maxTargets ?? 5,
  };
  const fields: Record<string, string[]> = {};
  if ((r.mode === 'pick' || r.mode === 'sample') && r.targetIds.length === 0)
    fields['routing.targetIds'] = [`must list the targets to ${r.mode === 'pick' ? 'pick from' : 'draw from'}`];
  if (r.mode === 'pick' && r.min > r.max) fields['routing.min'] = ['must not be more than max'];
  if (r.mode === 'pick' && r.min > r.targetIds.length && r.targetIds.length > 0)
    fields['routing.min'] = ['must not be more than the targets listed'];
  if (r.mode === 'sample' && r.sampleSize > r.targetIds.length && r.targetIds.length > 0)
    fields['routing.sampleSize'] = ['must not be more than the targets listed'];
  if (r.mode === 'responsibility' && !r.focusArea)
    fields['routing.focusArea'] = ['is required when routing by responsibility'];
  if (Object.keys(fields).length) throw new InvalidInputError(fields);
  return r;
}

@Injectable()
export class LetterActionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly campaigns: CampaignService,
    private readonly templates: LetterTemplates,
    private readonly organisations: OrganisationDirectory,
    private readonly audit: AuditLog,
    @InjectConfig(LETTERS_CONFIG) private readonly config: LettersConfig,
    private readonly recommendations: RecommendationService,
  ) {}

  async create(auth: AuthContext, input: LetterActionCreateDto): Promise<LetterAction> {
    await this.campaigns.get(auth, input.campaignId);
    if (RESERVED_SLUGS.has(input.slug)) throw new LetterActionSlugTakenError();
    const routing = routingOf(input.routing);
    await this.checkRoutingTargets(auth, routing);
    await this.checkRecommendationCodes(auth, routing.recommendationCode, input.recommendationCodes);
    const editable = input.editable ?? false;
    if (input.template) this.checkTemplate(input.template, editable, 'template');
    const defaults = this.config.defaults;
    return this.db.transaction(async (manager) => {
      const action = await manager
        .save(
          manager.create(LetterAction, {
            organisationId: auth.organisationId,
            campaignId: input.campaignId,
            slug: input.slug,
            title: input.title,
            intro: input.intro ?? '',
            language: input.language,
            status: 'draft',
            editable,
            routing,
            recommendationCodes: input.recommendationCodes ?? [],
            sendingWindow: input.sendingWindow !== undefined ? input.sendingWindow : defaults.sendingWindow,
            hourlyCap: input.hourlyCap !== undefined ? input.hourlyCap : defaults.hourlyCap,
            dailyCap: input.dailyCap !== undefined ? input.dailyCap : defaults.dailyCap,
          }),
        )
        .catch(rethrowSlugTaken);
      if (input.template) await this.writeTemplate(action, input.language, input.template, manager);
      await this.audit.record(
        auth,
        { action: 'letter-action.create', objectType: 'letter-action', objectId: action.id },
        manager,
      );
      return action;
    });
  }

  async list(
    scope: OrgScope,
    query: {
      campaignId?: string;
      status?: LetterActionStatus;
      q?: string;
      sort?: LetterActionSort;
      limit: number;
      offset: number;
    },
  ): Promise<{ items: LetterAction[]; total: number }> {
    const base = {
      organisationId: scope.organisationId,
      ...(query.campaignId ? { campaignId: query.campaignId } : {}),
      ...(query.status ? { status: query.status } : {}),
    };
    const like = query.q ? ILike(`%${escapeLike(query.q)}%`) : undefined;
    const order = { newest: { createdAt: 'DESC' }, oldest: { createdAt: 'ASC' }, title: { title: 'ASC' } } as const;
    const [items, total] = await this.db.getRepository(LetterAction).findAndCount({
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

  /** Another organisation's action answers exactly like a missing one. */
  async get(scope: OrgScope, id: string, manager: EntityManager = this.db.manager): Promise<LetterAction> {
    const action = await manager.getRepository(LetterAction).findOneBy({ id, organisationId: scope.organisationId });
    if (!action) throw new NotFoundError('Letter action');
    return action;
  }

  templatesOf(scope: OrgScope, actionIds: string[]): Promise<LetterTemplate[]> {
    if (actionIds.length === 0) return Promise.resolve([]);
    return this.db
      .getRepository(LetterTemplate)
      .createQueryBuilder('t')
      .where('t.organization_id = :org AND t.action_id IN (:...ids)', { org: scope.organisationId, ids: actionIds })
      .orderBy('t.language')
      .getMany();
  }

  async update(auth: AuthContext, id: string, input: LetterActionUpdateDto): Promise<LetterAction> {
    const action = await this.get(auth, id);
    if (input.routing) {
      action.routing = routingOf(input.routing, action.routing);
      await this.checkRoutingTargets(auth, action.routing);
    }
    if (input.title !== undefined) action.title = input.title;
    if (input.intro !== undefined) action.intro = input.intro;
    if (input.language !== undefined) action.language = input.language;
    if (input.recommendationCodes !== undefined) action.recommendationCodes = input.recommendationCodes;
    await this.checkRecommendationCodes(
      auth,
      input.routing ? action.routing.recommendationCode : null,
      input.recommendationCodes,
    );
    if (input.sendingWindow !== undefined) action.sendingWindow = input.sendingWindow;
    if (input.hourlyCap !== undefined) action.hourlyCap = input.hourlyCap;
    if (input.dailyCap !== undefined) action.dailyCap = input.dailyCap;
    if (input.editable !== undefined && input.editable !== action.editable) {
      // Making the letter editable changes what its templates may contain: every saved one must still pass.
      action.editable = input.editable;
      for (const t of await this.templatesOf(auth, [id]))
        this.checkTemplate(t, action.editable, `templates.${t.language}`);
    }
    return this.db.transaction(async (manager) => {
      const saved = await manager.getRepository(LetterAction).save(action);
      await this.audit.record(
        auth,
        {
          action: 'letter-action.update',
          objectType: 'letter-action',
          objectId: id,
          details: { fields: Object.keys(input) },
        },
        manager,
      );
      return saved;
    });
  }

  /** Saves one language's letter, refused with line and column when a subject or the body does not pass. */
  async putTemplate(
    auth: AuthContext,
    id: string,
    language: string,
    input: LetterTemplateDto,
  ): Promise<LetterTemplate> {
    const action = await this.get(auth, id);
    this.checkTemplate(input, action.editable);
    return this.db.transaction(async (manager) => {
      const saved = await this.writeTemplate(action, language, input, manager);
      await this.audit.record(
        auth,
        { action: 'letter-action.template.save', objectType: 'letter-action', objectId: id, details: { language } },
        manager,
      );
      return saved;
    });
  }

  async deleteTemplate(auth: AuthContext, id: string, language: string): Promise<void> {
    const action = await this.get(auth, id);
    if (language === action.language)
      throw new InvalidInputError({ language: ["the action's own language keeps its letter: change it first"] });
    await this.db.transaction(async (manager) => {
      const result = await manager
        .getRepository(LetterTemplate)
        .delete({ organisationId: auth.organisationId, actionId: id, language });
      if (!result.affected) throw new NotFoundError('Letter template');
      await this.audit.record(
        auth,
        { action: 'letter-action.template.delete', objectType: 'letter-action', objectId: id, details: { language } },
        manager,
      );
    });
  }

  async transition(auth: AuthContext, id: string, action: LetterActionTransition): Promise<LetterAction> {
    const current = await this.get(auth, id);
    const rule = TRANSITIONS[action];
    if (!rule.from.includes(current.status)) throw new LetterActionTransitionError(current.status, DONE[action]);
    if (rule.to === 'open') await this.checkReady(auth, current);
    const stamp = rule.to === 'open' ? 'opened_at' : 'closed_at';
    await this.db.transaction(async (manager) => {
      const rows = await sqlRows<unknown>(
        manager,
        `UPDATE letter_actions SET status = $3, ${stamp} = now(), updated_at = now()
          WHERE id = $1 AND organization_id = $2 AND status = $4 RETURNING id`,
        [id, auth.organisationId, rule.to, current.status],
      );
      if (rows.length === 0) throw new LetterActionTransitionError(current.status, DONE[action]);
      await this.audit.record(
        auth,
        {
          action: `letter-action.${action}`,
          objectType: 'letter-action',
          objectId: id,
          details: { from: current.status, to: rule.to },
        },
        manager,
      );
    });
    return this.get(auth, id);
  }

  /** Test mode sends every letter to one staff address; off, letters go to the targets again. */
  async setTestMode(
    auth: AuthContext,
    id: string,
    input: { enabled: boolean; recipient?: string },
  ): Promise<LetterAction> {
    const action = await this.get(auth, id);
    let recipient: string | null = null;
    if (input.enabled) {
      recipient = input.recipient ?? (await this.organisations.memberEmail(auth));
      if (!recipient)
        throw new InvalidInputError({ recipient: ['is required: an API token has no address of its own'] });
    }
    action.testMode = input.enabled;
    action.testRecipient = recipient;
    return this.db.transaction(async (manager) => {
      const saved = await manager.getRepository(LetterAction).save(action);
      await this.audit.record(
        auth,
        {
          action: 'letter-action.test-mode',
          objectType: 'letter-action',
          objectId: id,
          details: { enabled: input.enabled },
        },
        manager,
      );
      return saved;
    });
  }

  private checkTemplate(input: { subjects: string[]; body: string }, editable: boolean, prefix?: string): void {
    const problems = this.templates.check({ subjects: input.subjects, body: input.body, editable });
    if (problems.length === 0) return;
    throw new LetterTemplateInvalidError(
      prefix ? problems.map((p) => ({ ...p, field: `${prefix}.${p.field}` })) : problems,
    );
  }

  private async writeTemplate(
    action: LetterAction,
    language: string,
    input: LetterTemplateDto,
    manager: EntityManager,
  ): Promise<LetterTemplate> {
    await manager.query(
      `INSERT INTO letter_templates (organization_id, action_id, language, subjects, body)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (action_id, language) DO UPDATE SET subjects = EXCLUDED.subjects, body = EXCLUDED.body, updated_at = now()`,
      [action.organisationId, action.id, language, input.subjects, input.body],
    );
    return manager.getRepository(LetterTemplate).findOneByOrFail({ actionId: action.id, language });
  }

  /** The routing's listed targets must be the organisation's own (another's id answers as unknown). */
  /** Codes the letter cites or routes by must be in the organisation's catalogue (the Study's or its own). */
  private async checkRecommendationCodes(
    scope: OrgScope,
    routingCode: string | null,
    cited: string[] = [],
  ): Promise<void> {
    if (routingCode) await this.recommendations.assertCodes(scope, 'routing.recommendationCode', [routingCode]);
    await this.recommendations.assertCodes(scope, 'recommendationCodes', cited);
  }

  private async checkRoutingTargets(scope: OrgScope, routing: LetterRouting): Promise<void> {
    const ids = [...routing.targetIds, ...(routing.fallbackTargetId ? [routing.fallbackTargetId] : [])];
    if (ids.length === 0) return;
    const rows = await this.db
      .getRepository(Target)
      .createQueryBuilder('t')
      .select('t.id', 'id')
      .where('t.organization_id = :org AND t.id IN (:...ids)', { org: scope.organisationId, ids })
      .getRawMany<{ id: string }>();
    const known = new Set(rows.map((r) => r.id));
    const fields: Record<string, string[]> = {};
    const unknownListed = routing.targetIds.filter((t) => !known.has(t));
    if (unknownListed.length) fields['routing.targetIds'] = [`unknown targets: ${unknownListed.join(', ')}`];
    if (routing.fallbackTargetId && !known.has(routing.fallbackTargetId))
      fields['routing.fallbackTargetId'] = ['is not a target of this organisation'];
    if (Object.keys(fields).length) throw new InvalidInputError(fields);
  }

  private async checkReady(scope: OrgScope, action: LetterAction): Promise<void> {
    const templates = await this.templatesOf(scope, [action.id]);
    const fields: Record<string, string[]> = {};
    if (!templates.some((t) => t.language === action.language))
      fields.templates = [`needs a letter in the action's language (${action.language})`];
    if (action.sendingWindow && action.sendingWindow.startHour >= action.sendingWindow.endHour)
      fields.sendingWindow = ['must open before it closes'];
    if (Object.keys(fields).length) throw new LetterActionNotReadyError(fields);
  }
}

function rethrowSlugTaken(error: unknown): never {
  if (error instanceof QueryFailedError && (error as { code?: string }).code === '23505')
    throw new LetterActionSlugTakenError();
  throw error;
}
