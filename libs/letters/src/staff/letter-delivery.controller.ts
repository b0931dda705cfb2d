import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { AuthContext } from '#rally/access';
import { Auth, IdPipe, RequirePermission, StaffApi } from '#rally/access';
import type { Page } from '#rally/core';
import { PageQueryDto, pageOf, PageSchema, pageWindow } from '#rally/core';
import { CampaignService } from '#rally/campaigns';
import { LetterActionService } from '../actions/letter-action.service.js';
import {
  CampaignLetterStatsResponse,
  HeldSubmissionResponse,
  LetterCancelResponse,
  LetterDeliveryResponse,
  LetterListQueryDto,
  LetterResponse,
  LetterSubmissionReviewResponse,
  LetterSummaryResponse,
} from '../dto/letter.dto.js';
import { LetterPermission } from '../letters.permissions.js';
import { LetterDeliveryService } from './letter-delivery.service.js';

const ACTION = new IdPipe('Letter action');
const LETTER = new IdPipe('Letter');
const TARGET = new IdPipe('Target');
const SUBMISSION = new IdPipe('Letter submission');
const CAMPAIGN = new IdPipe('Campaign');

/** Delivery for staff: the letters themselves with their status, per action, per target and per campaign. */
@StaffApi('letters')
@Controller('api/orgs/:orgSlug')
export class LetterDeliveryController {
  constructor(
    private readonly delivery: LetterDeliveryService,
    private readonly actions: LetterActionService,
    private readonly campaigns: CampaignService,
  ) {}

  @Get('letters')
  @RequirePermission(LetterPermission.Read)
  @ApiOkResponse({ type: PageSchema(LetterSummaryResponse) })
  async list(@Auth() auth: AuthContext, @Query() query: LetterListQueryDto): Promise<Page<LetterSummaryResponse>> {
    const window = pageWindow(query);
    const { items, total } = await this.delivery.list(auth, {
      actionId: query.actionId,
      targetId: query.targetId,
      status: query.status,
      ...window,
    });
    return pageOf(items, total, window);
  }

  @Get('letters/:letterId')
  @RequirePermission(LetterPermission.Read)
  @ApiOkResponse({ type: LetterResponse })
  get(@Auth() auth: AuthContext, @Param('letterId', LETTER) id: string): Promise<LetterResponse> {
    return this.delivery.get(auth, id);
  }

  @Get('letter-actions/:actionId/delivery')
  @RequirePermission(LetterPermission.Read)
  @ApiOkResponse({ type: LetterDeliveryResponse })
  async actionDelivery(
    @Auth() auth: AuthContext,
    @Param('actionId', ACTION) id: string,
  ): Promise<LetterDeliveryResponse> {
    await this.actions.get(auth, id);
    return this.delivery.delivery(auth, id);
  }

  /** Stops the letters of this action to one target that have not gone yet. */
  @Post('letter-actions/:actionId/targets/:targetId/cancel')
  @HttpCode(200)
  @RequirePermission(LetterPermission.Manage)
  @ApiOkResponse({ type: LetterCancelResponse })
  async cancel(
    @Auth() auth: AuthContext,
    @Param('actionId', ACTION) actionId: string,
    @Param('targetId', TARGET) targetId: string,
  ): Promise<LetterCancelResponse> {
    await this.actions.get(auth, actionId);
    return { cancelled: await this.delivery.cancelToTarget(auth, actionId, targetId) };
  }

  /** Sends held letters to one target again, once its address works (not those held for review). */
  @Post('letter-actions/:actionId/targets/:targetId/requeue')
  @HttpCode(200)
  @RequirePermission(LetterPermission.Manage)
  @ApiOkResponse({ type: LetterSubmissionReviewResponse })
  async requeue(
    @Auth() auth: AuthContext,
    @Param('actionId', ACTION) actionId: string,
    @Param('targetId', TARGET) targetId: string,
  ): Promise<LetterSubmissionReviewResponse> {
    await this.actions.get(auth, actionId);
    return { letters: await this.delivery.requeueToTarget(auth, actionId, targetId) };
  }

  /** Confirmed sends held because their personal text is near-identical to other supporters'. */
  @Get('letter-actions/:actionId/held')
  @RequirePermission(LetterPermission.Read)
  @ApiOkResponse({ type: PageSchema(HeldSubmissionResponse) })
  async held(
    @Auth() auth: AuthContext,
    @Param('actionId', ACTION) actionId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<HeldSubmissionResponse>> {
    await this.actions.get(auth, actionId);
    const window = pageWindow(query);
    const { items, total } = await this.delivery.held(auth, actionId, window.limit, window.offset);
    return pageOf(items, total, window);
  }

  @Post('letter-actions/:actionId/submissions/:submissionId/release')
  @HttpCode(200)
  @RequirePermission(LetterPermission.Manage)
  @ApiOkResponse({ type: LetterSubmissionReviewResponse })
  async release(
    @Auth() auth: AuthContext,
    @Param('actionId', ACTION) actionId: string,
    @Param('submissionId', SUBMISSION) submissionId: string,
  ): Promise<LetterSubmissionReviewResponse> {
    await this.actions.get(auth, actionId);
    return { letters: await this.delivery.review(auth, actionId, submissionId, 'release') };
  }

  @Post('letter-actions/:actionId/submissions/:submissionId/reject')
  @HttpCode(200)
  @RequirePermission(LetterPermission.Manage)
  @ApiOkResponse({ type: LetterSubmissionReviewResponse })
  async reject(
    @Auth() auth: AuthContext,
    @Param('actionId', ACTION) actionId: string,
    @Param('submissionId', SUBMISSION) submissionId: string,
  ): Promise<LetterSubmissionReviewResponse> {
    await this.actions.get(auth, actionId);
    return { letters: await this.delivery.review(auth, actionId, submissionId, 'reject') };
  }

  /** The campaign dashboard: letters per day and per target across the campaign's letter actions. */
  @Get('campaigns/:campaignId/letter-stats')
  @RequirePermission(LetterPermission.Read)
  @ApiOkResponse({ type: CampaignLetterStatsResponse })
  async campaignStats(
    @Auth() auth: AuthContext,
    @Param('campaignId', CAMPAIGN) campaignId: string,
  ): Promise<CampaignLetterStatsResponse> {
    await this.campaigns.get(auth, campaignId);
    return this.delivery.campaignStats(auth, campaignId);
  }
}
