import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '#rally/access';
import { Auth, IdPipe, OrganisationDirectory, RequirePermission, StaffApi } from '#rally/access';
import { CampaignPermission } from '#rally/campaigns';
import type { Page, RallyConfig } from '#rally/core';
import { InjectConfig, PageQueryDto, pageOf, PageSchema, pageWindow } from '#rally/core';
import { PetitionCountsRepository } from '../counts/petition-counts.repository.js';
import {
  PaperSignatureBatchResponse,
  PaperSignaturesCreateDto,
  PetitionCountsReportResponse,
  PetitionCreateDto,
  PetitionListQueryDto,
  PetitionResponse,
  PetitionUpdateDto,
  SignaturesPerDayQueryDto,
  SignaturesPerDayResponse,
  toPaperSignatureBatchResponse,
  toPetitionResponse,
} from '../dto/petition.dto.js';
import type { Petition } from '../entities/petition.entity.js';
import { PetitionPermission } from '../petitions.permissions.js';
import { PublicPetitionCache } from '../public-page/public-petition.cache.js';
import type { PetitionAction } from './petition.service.js';
import { PetitionService } from './petition.service.js';
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
    private readonly organisations: OrganisationDirectory,
    @InjectConfig() private readonly config: RallyConfig,
  ) {}

  @Post()
  @RequirePermission(PetitionPermission.Manage)
  @ApiCreatedResponse({ type: PetitionResponse })
  async create(@Auth() auth: AuthContext, @Body() body: PetitionCreateDto): Promise<PetitionResponse> {
    return this.respond(auth, await this.petitions.create(auth, body));
  }

  @Get()
  @RequirePermission(CampaignPermission.Read)
  @ApiOkResponse({ type: PageSchema(PetitionResponse) })
  async list(@Auth() auth: AuthContext, @Query() query: PetitionListQueryDto): Promise<Page<PetitionResponse>> {
    const window = pageWindow(query);
    const { items, total } = await this.petitions.list(auth, {
      campaignId: query.campaignId,
      status: query.status,
      q: query.q,
      sort: query.sort,
      ...window,
    });
    const totals = await this.counts.totalsOf(
      auth,
      items.map((p) => p.id),
    );
    return pageOf(
      items.map((p) => toPetitionResponse(p, totals.get(p.id) ?? { online: 0, paper: 0 }, this.config.http.publicUrl)),
      total,
      window,
    );
  }

  @Get(':petitionId')
  @RequirePermission(CampaignPermission.Read)
  @ApiOkResponse({ type: PetitionResponse })
  async get(@Auth() auth: AuthContext, @Param('petitionId', UUID) id: string): Promise<PetitionResponse> {
    return this.respond(auth, await this.petitions.get(auth, id));
  }

  @Patch(':petitionId')
  @RequirePermission(PetitionPermission.Manage)
  @ApiOkResponse({ type: PetitionResponse })
  async update(
    @Auth() auth: AuthContext,
    @Param('petitionId', UUID) id: string,
    @Body() body: PetitionUpdateDto,
  ): Promise<PetitionResponse> {
    return this.changed(auth, await this.petitions.update(auth, id, body));
  }

  @Post(':petitionId/open')
  @RequirePermission(PetitionPermission.Manage)
  @ApiCreatedResponse({ type: PetitionResponse })
  async open(@Auth() auth: AuthContext, @Param('petitionId', UUID) id: string): Promise<PetitionResponse> {
    return this.move(auth, id, 'open');
  }

  @Post(':petitionId/close')
  @RequirePermission(PetitionPermission.Manage)
  @ApiCreatedResponse({ type: PetitionResponse })
  async close(@Auth() auth: AuthContext, @Param('petitionId', UUID) id: string): Promise<PetitionResponse> {
    return this.move(auth, id, 'close');
  }

  @Post(':petitionId/reopen')
  @RequirePermission(PetitionPermission.Manage)
  @ApiCreatedResponse({ type: PetitionResponse })
  async reopen(@Auth() auth: AuthContext, @Param('petitionId', UUID) id: string): Promise<PetitionResponse> {
    return this.move(auth, id, 'reopen');
  }

  @Post(':petitionId/deliver')
  @RequirePermission(PetitionPermission.Manage)
  @ApiCreatedResponse({ type: PetitionResponse })
  async deliver(@Auth() auth: AuthContext, @Param('petitionId', UUID) id: string): Promise<PetitionResponse> {
    return this.move(auth, id, 'deliver');
  }

  @Get(':petitionId/counts')
  @RequirePermission(CampaignPermission.Read)
  @ApiOkResponse({ type: PetitionCountsReportResponse })
  async report(
    @Auth() auth: AuthContext,
    @Param('petitionId', UUID) id: string,
  ): Promise<PetitionCountsReportResponse> {
    await this.petitions.get(auth, id);
    return this.counts.report(auth, id);
  }

  /** For the console's chart: confirmed signatures per day, read from the day counts (never the signatures). */
  @Get(':petitionId/signatures-per-day')
  @RequirePermission(CampaignPermission.Read)
  @ApiOkResponse({ type: SignaturesPerDayResponse })
  async perDay(
    @Auth() auth: AuthContext,
    @Param('petitionId', UUID) id: string,
    @Query() query: SignaturesPerDayQueryDto,
  ): Promise<SignaturesPerDayResponse> {
    await this.petitions.get(auth, id);
    const [days, organisation] = await Promise.all([
      this.counts.perDay(auth, id, query.days ?? 30),
      this.organisations.summary(auth),
    ]);
    return { timeZone: organisation.timeZone, days };
  }

  @Post(':petitionId/paper-signatures')
  @RequirePermission(PetitionPermission.Manage)
  @ApiCreatedResponse({ type: PaperSignatureBatchResponse })
  async addPaper(
    @Auth() auth: AuthContext,
    @Param('petitionId', UUID) id: string,
    @Body() body: PaperSignaturesCreateDto,
  ): Promise<PaperSignatureBatchResponse> {
    return toPaperSignatureBatchResponse(await this.petitions.addPaperSignatures(auth, id, body));
  }

  @Get(':petitionId/paper-signatures')
  @RequirePermission(CampaignPermission.Read)
  @ApiOkResponse({ type: PageSchema(PaperSignatureBatchResponse) })
  async listPaper(
    @Auth() auth: AuthContext,
    @Param('petitionId', UUID) id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<PaperSignatureBatchResponse>> {
    const window = pageWindow(query);
    const { items, total } = await this.petitions.listPaperSignatures(auth, id, window);
    return pageOf(items.map(toPaperSignatureBatchResponse), total, window);
  }

  /** Confirmed signatures as CSV, streamed. */
  @Get(':petitionId/signatures.csv')
  @RequirePermission(PetitionPermission.SignaturesExport)
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Confirmed signatures, one row each', schema: { type: 'string' } })
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
