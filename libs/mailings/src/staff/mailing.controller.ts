import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '#rally/access';
import { Auth, IdPipe, RequirePermission, StaffApi } from '#rally/access';
import type { Page } from '#rally/core';
import { PageQueryDto, pageOf, PageSchema, pageWindow } from '#rally/core';
import { MailingContentService } from '../content/mailing-content.service.js';
import {
  MailingAudienceDto,
  MailingCreateDto,
  MailingListQueryDto,
  MailingPreviewDto,
  MailingScheduleDto,
  MailingUpdateDto,
} from '../dto/mailing-request.dto.js';
import {
  AudienceCountResponse,
  MailingPreviewResponse,
  MailingResponse,
  MailingRunResponse,
  MailingTestSendResponse,
} from '../dto/mailing-response.dto.js';
import { MailingPermission } from '../mailings.permissions.js';
import { MailingReportsService } from '../reports/mailing-reports.service.js';
import { audienceOf, MailingService } from './mailing.service.js';

export const MAILING_ID = new IdPipe('Mailing');
export const MAILING_RUN_ID = new IdPipe('Mailing run');

/** Mailings: campaigners and admins write them; admins send and schedule; every member reads the reports. */
@StaffApi('mailings')
@Controller('api/orgs/:orgSlug/mailings')
export class MailingController {
  constructor(
    private readonly mailings: MailingService,
    private readonly content: MailingContentService,
    private readonly reports: MailingReportsService,
  ) {}

  @Get()
  @RequirePermission(MailingPermission.Read)
  @ApiOkResponse({ type: PageSchema(MailingResponse), description: 'The latest changed first' })
  async list(@Auth() auth: AuthContext, @Query() query: MailingListQueryDto): Promise<Page<MailingResponse>> {
    const window = pageWindow(query);
    const { items, total } = await this.mailings.list(auth, { status: query.status, ...window });
    return pageOf(items, total, window);
  }

  @Post()
  @RequirePermission(MailingPermission.Manage)
  @ApiCreatedResponse({ type: MailingResponse })
  create(@Auth() auth: AuthContext, @Body() body: MailingCreateDto): Promise<MailingResponse> {
    return this.mailings.create(auth, body);
  }

  /** How many would receive an audience now: the audience builder's count, before anything is saved. */
  @Post('audience-count')
  @HttpCode(200)
  @RequirePermission(MailingPermission.Manage)
  @ApiOkResponse({ type: AudienceCountResponse })
  async count(@Auth() auth: AuthContext, @Body() body: MailingAudienceDto): Promise<AudienceCountResponse> {
    return { recipients: await this.mailings.count(auth, audienceOf(body)) };
  }

  @Get(':mailingId')
  @RequirePermission(MailingPermission.Read)
  @ApiOkResponse({ type: MailingResponse })
  get(@Auth() auth: AuthContext, @Param('mailingId', MAILING_ID) id: string): Promise<MailingResponse> {
    return this.mailings.get(auth, id);
  }

  @Patch(':mailingId')
  @RequirePermission(MailingPermission.Manage)
  @ApiOkResponse({ type: MailingResponse })
  update(
    @Auth() auth: AuthContext,
    @Param('mailingId', MAILING_ID) id: string,
    @Body() body: MailingUpdateDto,
  ): Promise<MailingResponse> {
    return this.mailings.update(auth, id, body);
  }

  @Delete(':mailingId')
  @HttpCode(204)
  @RequirePermission(MailingPermission.Manage)
  @ApiNoContentResponse({ description: 'Deleted (drafts only)' })
  async remove(@Auth() auth: AuthContext, @Param('mailingId', MAILING_ID) id: string): Promise<void> {
    await this.mailings.remove(auth, id);
  }

  @Get(':mailingId/audience-count')
  @RequirePermission(MailingPermission.Read)
  @ApiOkResponse({ type: AudienceCountResponse })
  async savedCount(
    @Auth() auth: AuthContext,
    @Param('mailingId', MAILING_ID) id: string,
  ): Promise<AudienceCountResponse> {
    const mailing = await this.mailings.get(auth, id);
    return { recipients: await this.mailings.count(auth, audienceOf(mailing.audience)) };
  }

  @Post(':mailingId/preview')
  @HttpCode(200)
  @RequirePermission(MailingPermission.Manage)
  @ApiOkResponse({ type: MailingPreviewResponse, description: 'Template problems are answered 200 with `problems`' })
  preview(
    @Auth() auth: AuthContext,
    @Param('mailingId', MAILING_ID) id: string,
    @Body() body: MailingPreviewDto,
  ): Promise<MailingPreviewResponse> {
    return this.content.preview(auth, id, body);
  }

  @Post(':mailingId/test-send')
  @HttpCode(202)
  @RequirePermission(MailingPermission.Manage)
  @ApiOkResponse({ type: MailingTestSendResponse, description: "Sent to the signed-in member's own address" })
  testSend(
    @Auth() auth: AuthContext,
    @Param('mailingId', MAILING_ID) id: string,
    @Body() body: MailingPreviewDto,
  ): Promise<MailingTestSendResponse> {
    return this.content.testSend(auth, id, body);
  }

  @Post(':mailingId/schedule')
  @HttpCode(200)
  @RequirePermission(MailingPermission.Send)
  @ApiOkResponse({ type: MailingResponse, description: 'Scheduled (or sending, for now); again to reschedule' })
  schedule(
    @Auth() auth: AuthContext,
    @Param('mailingId', MAILING_ID) id: string,
    @Body() body: MailingScheduleDto,
  ): Promise<MailingResponse> {
    return this.mailings.schedule(auth, id, body);
  }

  @Post(':mailingId/pause')
  @HttpCode(200)
  @RequirePermission(MailingPermission.Send)
  @ApiOkResponse({ type: MailingResponse })
  pause(@Auth() auth: AuthContext, @Param('mailingId', MAILING_ID) id: string): Promise<MailingResponse> {
    return this.mailings.pause(auth, id);
  }

  @Post(':mailingId/resume')
  @HttpCode(200)
  @RequirePermission(MailingPermission.Send)
  @ApiOkResponse({ type: MailingResponse })
  resume(@Auth() auth: AuthContext, @Param('mailingId', MAILING_ID) id: string): Promise<MailingResponse> {
    return this.mailings.resume(auth, id);
  }

  @Post(':mailingId/cancel')
  @HttpCode(200)
  @RequirePermission(MailingPermission.Send)
  @ApiOkResponse({ type: MailingResponse })
  cancel(@Auth() auth: AuthContext, @Param('mailingId', MAILING_ID) id: string): Promise<MailingResponse> {
    return this.mailings.cancel(auth, id);
  }

  @Get(':mailingId/runs')
  @RequirePermission(MailingPermission.Read)
  @ApiOkResponse({ type: PageSchema(MailingRunResponse), description: 'The latest first, with live progress' })
  async runs(
    @Auth() auth: AuthContext,
    @Param('mailingId', MAILING_ID) id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<MailingRunResponse>> {
    const window = pageWindow(query);
    const { items, total } = await this.reports.runs(auth, id, window);
    return pageOf(items, total, window);
  }

  @Get(':mailingId/runs/:runId')
  @RequirePermission(MailingPermission.Read)
  @ApiOkResponse({ type: MailingRunResponse })
  run(
    @Auth() auth: AuthContext,
    @Param('mailingId', MAILING_ID) id: string,
    @Param('runId', MAILING_RUN_ID) runId: string,
  ): Promise<MailingRunResponse> {
    return this.reports.run(auth, id, runId);
  }

  @Get(':mailingId/report.csv')
  @RequirePermission(MailingPermission.Read)
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'One line per run with its counts (no addresses)', schema: { type: 'string' } })
  async csv(
    @Auth() auth: AuthContext,
    @Param('mailingId', MAILING_ID) id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const body = await this.reports.csv(auth, id);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="mailing-${id}.csv"`)
      .header('cache-control', 'no-store')
      .send(body);
  }
}
