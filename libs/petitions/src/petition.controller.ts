import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthContext, RallyConfig } from '#rally/core';
import { IdPipe, isUuid, StaffApi } from '#rally/organisations';
import { Auth, InjectConfig, InvalidInputError, Permission, RequirePermission } from '#rally/core';
import {
  PaperSignaturesCreateDto,
  PetitionCreateDto,
  PetitionUpdateDto,
  toPetitionResponse,
} from './dto/petition.dto.js';
import type { PetitionResponse } from './dto/petition.dto.js';
import type { Petition } from './entities/petition.entity.js';
import type { PetitionCountsReport } from './petition-counts.repository.js';
import { PetitionCountsRepository } from './petition-counts.repository.js';
import type { PetitionAction } from './petition.service.js';
import { PetitionService } from './petition.service.js';
import { PublicPetitionCache } from './public-petition.cache.js';
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
  @RequirePermission(Permission.PetitionsManage)
  async create(@Auth() auth: AuthContext, @Body() body: PetitionCreateDto): Promise<PetitionResponse> {
    return this.respond(auth, await this.petitions.create(auth, body));
  }

  @Get()
  @RequirePermission(Permission.CampaignsRead)
  @ApiQuery({ name: 'campaignId', required: false })
  async list(@Auth() auth: AuthContext, @Query('campaignId') campaignId?: string): Promise<PetitionResponse[]> {
    if (campaignId !== undefined && !isUuid(campaignId))
      throw new InvalidInputError({ campaignId: ['must be a UUID'] });
    const list = await this.petitions.list(auth, campaignId);
    return Promise.all(list.map((p) => this.respond(auth, p)));
  }

  @Get(':petitionId')
  @RequirePermission(Permission.CampaignsRead)
  async get(@Auth() auth: AuthContext, @Param('petitionId', UUID) id: string): Promise<PetitionResponse> {
    return this.respond(auth, await this.petitions.get(auth, id));
  }

  @Patch(':petitionId')
  @RequirePermission(Permission.PetitionsManage)
  async update(
    @Auth() auth: AuthContext,
    @Param('petitionId', UUID) id: string,
    @Body() body: PetitionUpdateDto,
  ): Promise<PetitionResponse> {
    return this.changed(auth, await this.petitions.update(auth, id, body));
  }

  @Post(':petitionId/open')
  @RequirePermission(Permission.PetitionsManage)
  async open(@Auth() auth: AuthContext, @Param('petitionId', UUID) id: string): Promise<PetitionResponse> {
    return this.move(auth, id, 'open');
  }

  @Post(':petitionId/close')
  @RequirePermission(Permission.PetitionsManage)
  async close(@Auth() auth: AuthContext, @Param('petitionId', UUID) id: string): Promise<PetitionResponse> {
    return this.move(auth, id, 'close');
  }

  @Post(':petitionId/reopen')
  @RequirePermission(Permission.PetitionsManage)
  async reopen(@Auth() auth: AuthContext, @Param('petitionId', UUID) id: string): Promise<PetitionResponse> {
    return this.move(auth, id, 'reopen');
  }

  @Post(':petitionId/deliver')
  @RequirePermission(Permission.PetitionsManage)
  async deliver(@Auth() auth: AuthContext, @Param('petitionId', UUID) id: string): Promise<PetitionResponse> {
    return this.move(auth, id, 'deliver');
  }

  @Get(':petitionId/counts')
  @RequirePermission(Permission.CampaignsRead)
  async report(@Auth() auth: AuthContext, @Param('petitionId', UUID) id: string): Promise<PetitionCountsReport> {
    await this.petitions.get(auth, id);
    return this.counts.report(auth, id);
  }

  @Post(':petitionId/paper-signatures')
  @RequirePermission(Permission.PetitionsManage)
  async addPaper(
    @Auth() auth: AuthContext,
    @Param('petitionId', UUID) id: string,
    @Body() body: PaperSignaturesCreateDto,
  ): Promise<{ id: string; count: number; sourceNote: string; createdAt: string }> {
    const batch = await this.petitions.addPaperSignatures(auth, id, body);
    return { id: batch.id, count: batch.count, sourceNote: batch.sourceNote, createdAt: batch.createdAt.toISOString() };
  }

  @Get(':petitionId/paper-signatures')
  @RequirePermission(Permission.CampaignsRead)
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
  @RequirePermission(Permission.SignaturesExport)
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
