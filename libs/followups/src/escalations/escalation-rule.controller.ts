import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse } from '@nestjs/swagger';
import type { AuthContext } from '#rally/access';
import { Auth, IdPipe, RequirePermission, StaffApi } from '#rally/access';
import type { Page } from '#rally/core';
import { pageOf, PageQueryDto, PageSchema, pageWindow } from '#rally/core';
import {
  EscalationRuleCreateDto,
  EscalationRuleListQueryDto,
  EscalationRuleResponse,
  EscalationRuleUpdateDto,
  EscalationRunResponse,
} from '../dto/escalation-rule.dto.js';
import { FollowUpPermission } from '../followups.permissions.js';
import { EscalationRuleService } from './escalation-rule.service.js';

export const ESCALATION_RULE_ID = new IdPipe('Escalation rule');

/** Read with the follow-ups (every member sees why a follow-up appeared); written by those who plan them. */
@StaffApi('follow-ups')
@Controller('api/orgs/:orgSlug/escalation-rules')
export class EscalationRuleController {
  constructor(private readonly rules: EscalationRuleService) {}

  @Get()
  @RequirePermission(FollowUpPermission.Read)
  @ApiOkResponse({ type: PageSchema(EscalationRuleResponse) })
  async list(
    @Auth() auth: AuthContext,
    @Query() query: EscalationRuleListQueryDto,
  ): Promise<Page<EscalationRuleResponse>> {
    const window = pageWindow(query);
    const { items, total } = await this.rules.list(auth, { campaignId: query.campaignId, ...window });
    return pageOf(items, total, window);
  }

  @Post()
  @RequirePermission(FollowUpPermission.Manage)
  @ApiCreatedResponse({ type: EscalationRuleResponse })
  async create(@Auth() auth: AuthContext, @Body() body: EscalationRuleCreateDto): Promise<EscalationRuleResponse> {
    return this.rules.create(auth, body);
  }

  @Get(':escalationRuleId')
  @RequirePermission(FollowUpPermission.Read)
  @ApiOkResponse({ type: EscalationRuleResponse })
  async get(
    @Auth() auth: AuthContext,
    @Param('escalationRuleId', ESCALATION_RULE_ID) id: string,
  ): Promise<EscalationRuleResponse> {
    return this.rules.get(auth, id);
  }

  @Patch(':escalationRuleId')
  @RequirePermission(FollowUpPermission.Manage)
  @ApiOkResponse({ type: EscalationRuleResponse })
  async update(
    @Auth() auth: AuthContext,
    @Param('escalationRuleId', ESCALATION_RULE_ID) id: string,
    @Body() body: EscalationRuleUpdateDto,
  ): Promise<EscalationRuleResponse> {
    return this.rules.update(auth, id, body);
  }

  @Delete(':escalationRuleId')
  @HttpCode(204)
  @RequirePermission(FollowUpPermission.Manage)
  @ApiNoContentResponse({ description: 'Deleted; 409 once it has acted (disable it instead)' })
  async remove(@Auth() auth: AuthContext, @Param('escalationRuleId', ESCALATION_RULE_ID) id: string): Promise<void> {
    await this.rules.remove(auth, id);
  }

  @Get(':escalationRuleId/runs')
  @RequirePermission(FollowUpPermission.Read)
  @ApiOkResponse({ type: PageSchema(EscalationRunResponse), description: 'What it did, the latest first' })
  async runs(
    @Auth() auth: AuthContext,
    @Param('escalationRuleId', ESCALATION_RULE_ID) id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<EscalationRunResponse>> {
    const window = pageWindow(query);
    const { items, total } = await this.rules.runs(auth, id, window);
    return pageOf(items, total, window);
  }
}
