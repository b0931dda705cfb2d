import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { RallyConfig } from '#rally/core';
import type { AuthContext } from '#rally/access';
import { InjectConfig, InvalidInputError } from '#rally/core';
import { Auth, IdPipe, isUuid, RequirePermission, StaffApi } from '#rally/access';
import { CampaignPermission } from '#rally/campaigns';
import { PetitionPermission } from '../petitions.permissions.js';
import {
  PaperSignaturesCreateDto,
  PetitionCreateDto,
  PetitionUpdateDto,
  toPetitionResponse,
} from '../dto/petition.dto.js';
import type { PetitionResponse } from '../dto/petition.dto.js';
import type { Petition } from '../entities/petition.entity.js';
import type { PetitionCountsReport } from '../counts/petition-counts.repository.js';
import { PetitionCountsRepository } from '../counts/petition-counts.repository.js';
import type { PetitionAction } from './petition.service.js';
import { PetitionService } from './petition.service.js';
import { PublicPetitionCache } from '../public-page/public-petition.cache.js';
import { SignatureExport } from './signature-export.js';

const UUID = new IdPipe('Petition');

/** Staff API for petitions of one organisation (chosen by :orgSlug, checked by the global guard). */
@StaffApi('petitions')
@Controller('api/orgs/:orgSlug/petitions')
export class PetitionController {
  constructor(
    private readonly petitions: PetitionService,
    private readonly counts: PetitionCountsRepository,
    private readonly exporter: SignatureExport,
    private readonly publicCache: PublicPetitionCache,
    @InjectConfig() private readonly config: RallyConfig,
  ) {}

  @Post()
  @RequirePermission(PetitionPermission.Manage)
  async create(@Auth() auth: AuthContext, @Body() body: PetitionCreateDto): Promise<PetitionResponse> {
    return this.respond(auth, await this.petitions.create(auth, body));
  }

  @Get()
  @RequirePermission(CampaignPermission.Read)
  @ApiQuery({ name: 'campaignId', required: false })
  async list(@Auth() auth: AuthContext, @Query('campaignId') campaignId?: string): Promise<PetitionResponse[]> {
    if (campaignId !== undefined && !isUuid(campaignId))
      throw new InvalidInputError({ campaignId: ['must be a UUID'] });
    const list = await this.petitions.list(auth, campaignId);
    return Promise.all(list.map((p) => this.respond(auth, p)));
  }

  @Get(':petitionId')
  @RequirePermission(CampaignPermission.Read)
  async get(@Auth() auth: AuthContext, @Param('petitionId', UUID) id: string): Promise<PetitionResponse> {
    return this.respond(auth, await this.petitions.get(auth, id));
  }

  @Patch(':petitionId')
  @RequirePermission(PetitionPermission.Manage)
  async update(
    @Auth() auth: AuthContext,
    @Param('petitionId', UUID) id: string,
    @Body() body: PetitionUpdateDto,
  ): Promise<PetitionResponse> {
    return this.changed(auth, await this.petitions.update(auth, id, body));
  }

  @Post(':petitionId/open')
  @RequirePermission(PetitionPermission.Manage)
  async open(@Auth() auth: AuthContext, @Param('petitionId', UUID) id: string): Promise<PetitionResponse> {
    return this.move(auth, id, 'open');
  }

  @Post(':petitionId/close')
  @RequirePermission(PetitionPermission.Manage)
  async close(@Auth() auth: AuthContext, @Param('petitionId', UUID) id: string): Promise<PetitionResponse> {
    return this.move(auth, id, 'close');
  }

  @Post(':petitionId/reopen')
  @RequirePermission(PetitionPermission.Manage)
  async reopen(@Auth() auth: AuthContext, @Param('petitionId', UUID) id: string): Promise<PetitionResponse> {
    return this.move(auth, id, 'reopen');
  }

  @Post(':petitionId/deliver')
  @RequirePermission(PetitionPermission.Manage)
  async deliver(@Auth() auth: AuthContext, @Param('petitionId', UUID) id: string): Promise<PetitionResponse> {
    return this.move(auth, id, 'deliver');
  }

  @Get(':petitionId/counts')
  @RequirePermission(CampaignPermission.Read)
  async report(@Auth() auth: AuthContext, @Param('petitionId', UUID) id: string): Promise<PetitionCountsReport> {
    await this.petitions.get(auth, id);
    return this.counts.report(auth, id);
  }

  @Post(':petitionId/paper-signatures')
  @RequirePermission(PetitionPermission.Manage)
  async addPaper(
    @Auth() auth: AuthContext,
    @Param('petitionId', UUID) id: string,
    @Body() body: PaperSignaturesCreateDto,
  ): Promise<{ id: string; count: number; sourceNote: string; createdAt: string }> {
    const batch = await this.petitions.addPaperSignatures(auth, id, body);
    return { id: batch.id, count: batch.count, sourceNote: batch.sourceNote, createdAt: batch.createdAt.toISOString() };
  }

  @Get(':petitionId/paper-signatures')
  @RequirePermission(CampaignPermission.Read)
  async listPaper(
    @Auth() auth: AuthContext,
    @Param('petitionId', UUID) id: string,
  ): Promise<{ id: string; count: number; sourceNote: string; createdAt: string }[]> {
    return (await this.petitions.listPaperSignatures(auth, id)).map((b) => ({
      id: b.id,
      count: b.count,
      sourceNote: b.sourceNote,
      createdAt: b.createdAt.toISOString(),
    }));
  }

  /** Confirmed signatures as CSV, streamed. */
  @Get(':petitionId/signatures.csv')
  @RequirePermission(PetitionPermission.SignaturesExport)
  async export(
    @Auth() auth: AuthContext,
    @Param('petitionId', UUID) id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const petition = await this.petitions.get(auth, id);
    await this.petitions.recordExport(auth, petition.id);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${petition.slug}-signatures.csv"`)
      .header('cache-control', 'no-store')
      .send(this.exporter.stream(auth, petition.id));
  }

  private async move(auth: AuthContext, id: string, action: PetitionAction): Promise<PetitionResponse> {
    return this.changed(auth, await this.petitions.transition(auth, id, action));
  }

  /** This process shows the change on the public page at once; others within the cache's few seconds. */
  private async changed(auth: AuthContext, petition: Petition): Promise<PetitionResponse> {
    this.publicCache.forget(petition.slug);
    return this.respond(auth, petition);
  }

  private async respond(auth: AuthContext, petition: Petition): Promise<PetitionResponse> {
    return toPetitionResponse(petition, await this.counts.totals(auth, petition.id), this.config.http.publicUrl);
  }
}
