import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, ILike } from 'typeorm';
import type { AuthContext, OrgScope } from '#rally/access';
import { escapeLike, NotFoundError } from '#rally/core';
import { AuditLog } from '#rally/access';
import { Campaign } from './entities/campaign.entity.js';
import type { CampaignCreateDto, CampaignSort, CampaignUpdateDto } from './dto/campaign.dto.js';

@Injectable()
export class CampaignService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async create(auth: AuthContext, input: CampaignCreateDto): Promise<Campaign> {
    return this.db.transaction(async (manager) => {
      const campaign = await manager
        .getRepository(Campaign)
        .save({ organisationId: auth.organisationId, name: input.name, description: input.description ?? '' });
      await this.audit.record(
        auth,
        { action: 'campaign.create', objectType: 'campaign', objectId: campaign.id },
        manager,
      );
      return campaign;
    });
  }

  async list(
    scope: OrgScope,
    query: { q?: string; sort?: CampaignSort; limit: number; offset: number },
  ): Promise<{ items: Campaign[]; total: number }> {
    const order = { newest: { createdAt: 'DESC' }, oldest: { createdAt: 'ASC' }, name: { name: 'ASC' } } as const;
    const [items, total] = await this.db.getRepository(Campaign).findAndCount({
      where: { organisationId: scope.organisationId, ...(query.q ? { name: ILike(`%${escapeLike(query.q)}%`) } : {}) },
      order: { ...order[query.sort ?? 'newest'], id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items, total };
  }

  /** Another organisation's campaign is indistinguishable from a missing one. */
  async get(scope: OrgScope, id: string): Promise<Campaign> {
    const campaign = await this.db.getRepository(Campaign).findOneBy({ id, organisationId: scope.organisationId });
    if (!campaign) throw new NotFoundError('Campaign');
    return campaign;
  }

  async update(auth: AuthContext, id: string, input: CampaignUpdateDto): Promise<Campaign> {
    const campaign = await this.get(auth, id);
    if (input.name !== undefined) campaign.name = input.name;
    if (input.description !== undefined) campaign.description = input.description;
    return this.db.transaction(async (manager) => {
      const saved = await manager.getRepository(Campaign).save(campaign);
      await this.audit.record(
        auth,
        { action: 'campaign.update', objectType: 'campaign', objectId: id, details: { fields: Object.keys(input) } },
        manager,
      );
      return saved;
    });
  }
}
