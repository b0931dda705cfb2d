import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiForbiddenResponse, ApiOkResponse } from '@nestjs/swagger';
import type { AuthContext } from '#rally/access';
import { Auth, IdPipe, RequirePermission, StaffApi } from '#rally/access';
import type { Page } from '#rally/core';
import { ErrorResponse, pageOf, PageSchema, pageWindow } from '#rally/core';
import {
  ImplementationSettingsDto,
  ProposalDecisionDto,
  ProposalListQueryDto,
  StatusBoardQueryDto,
  StatusChangeDto,
  StatusQueryDto,
  StatusSummaryQueryDto,
} from './dto/implementation-request.dto.js';
import {
  ImplementationSettingsResponse,
  ProposalResponse,
  StatusChangeResponse,
  StatusDetailResponse,
  StatusResponse,
  StatusSummaryResponse,
} from './dto/implementation-response.dto.js';
import { ImplementationChangeService } from './implementation-change.service.js';
import { ImplementationPermission } from './implementation.permissions.js';
import { ImplementationStatusService } from './implementation-status.service.js';

const RECOMMENDATION_ID = new IdPipe('Recommendation');
const PROPOSAL_ID = new IdPipe('Proposal');

@StaffApi('implementation')
@Controller('api/orgs/:orgSlug/implementation')
export class ImplementationController {
  constructor(
    private readonly statuses: ImplementationStatusService,
    private readonly changes: ImplementationChangeService,
  ) {}

  /** The board at a glance: how many recommendations of each focus area stand at each status in one country. */
  @Get('summary')
  @RequirePermission(ImplementationPermission.Read)
  @ApiOkResponse({ type: StatusSummaryResponse })
  summary(@Auth() auth: AuthContext, @Query() query: StatusSummaryQueryDto): Promise<StatusSummaryResponse> {
    return this.statuses.summary(auth, query.country);
  }

  /** The board: every recommendation of the catalogue in one country, unknown where nothing was set. */
  @Get('statuses')
  @RequirePermission(ImplementationPermission.Read)
  @ApiOkResponse({ type: PageSchema(StatusResponse) })
  async board(@Auth() auth: AuthContext, @Query() query: StatusBoardQueryDto): Promise<Page<StatusResponse>> {
    const window = pageWindow(query);
    const { country, focusArea, status, codes, pending, on } = query;
    const { items, total } = await this.statuses.board(auth, {
      country,
      focusArea,
      status,
      codes,
      pending,
      on,
      ...window,
    });
    return pageOf(items, total, window);
  }

  @Get('statuses/:recommendationId')
  @RequirePermission(ImplementationPermission.Read)
  @ApiOkResponse({ type: StatusDetailResponse })
  async detail(
    @Auth() auth: AuthContext,
    @Param('recommendationId', RECOMMENDATION_ID) id: string,
    @Query() query: StatusQueryDto,
  ): Promise<StatusDetailResponse> {
    return this.statuses.detail(auth, id, query.country, query.on);
  }

  /** A change, applied at once or, with the second-reviewer rule on, proposed (`applied: false`). */
  @Patch('statuses/:recommendationId')
  @RequirePermission(ImplementationPermission.Manage)
  @ApiOkResponse({ type: StatusChangeResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'baseVersion is not current, or a proposal is pending' })
  async change(
    @Auth() auth: AuthContext,
    @Param('recommendationId', RECOMMENDATION_ID) id: string,
    @Body() body: StatusChangeDto,
  ): Promise<StatusChangeResponse> {
    const outcome = await this.changes.change(auth, id, body);
    const [current] = await this.statuses.statuses(auth, body.country, [id]);
    return {
      applied: outcome.applied,
      current: current as StatusResponse,
      proposal: outcome.proposalId ? (current?.pendingProposal ?? null) : null,
    };
  }

  @Get('proposals')
  @RequirePermission(ImplementationPermission.Read)
  @ApiOkResponse({ type: PageSchema(ProposalResponse) })
  async proposals(@Auth() auth: AuthContext, @Query() query: ProposalListQueryDto): Promise<Page<ProposalResponse>> {
    const window = pageWindow(query);
    const { items, total } = await this.statuses.pendingProposals(auth, { country: query.country, ...window });
    return pageOf(items, total, window);
  }

  @Post('proposals/:proposalId/approve')
  @HttpCode(200)
  @RequirePermission(ImplementationPermission.Manage)
  @ApiOkResponse({ type: StatusResponse, description: 'The status now current' })
  @ApiForbiddenResponse({ type: ErrorResponse, description: 'implementation_own_proposal: another member must review' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Already decided, or the status changed since' })
  async approve(
    @Auth() auth: AuthContext,
    @Param('proposalId', PROPOSAL_ID) id: string,
    @Body() body: ProposalDecisionDto,
  ): Promise<StatusResponse> {
    const key = await this.changes.approve(auth, id, body);
    return (await this.statuses.statuses(auth, key.country, [key.recommendationId]))[0] as StatusResponse;
  }

  @Post('proposals/:proposalId/reject')
  @HttpCode(200)
  @RequirePermission(ImplementationPermission.Manage)
  @ApiOkResponse({ type: StatusResponse, description: 'The status, unchanged' })
  @ApiForbiddenResponse({ type: ErrorResponse, description: 'implementation_own_proposal: another member must review' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Already decided' })
  async reject(
    @Auth() auth: AuthContext,
    @Param('proposalId', PROPOSAL_ID) id: string,
    @Body() body: ProposalDecisionDto,
  ): Promise<StatusResponse> {
    const key = await this.changes.reject(auth, id, body);
    return (await this.statuses.statuses(auth, key.country, [key.recommendationId]))[0] as StatusResponse;
  }

  @Get('settings')
  @RequirePermission(ImplementationPermission.Read)
  @ApiOkResponse({ type: ImplementationSettingsResponse })
  async settings(@Auth() auth: AuthContext): Promise<ImplementationSettingsResponse> {
    return this.changes.settings(auth);
  }

  @Put('settings')
  @RequirePermission(ImplementationPermission.Settings)
  @ApiOkResponse({ type: ImplementationSettingsResponse })
  async setSettings(
    @Auth() auth: AuthContext,
    @Body() body: ImplementationSettingsDto,
  ): Promise<ImplementationSettingsResponse> {
    return this.changes.setSettings(auth, body);
  }
}
