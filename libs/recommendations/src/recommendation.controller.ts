import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse } from '@nestjs/swagger';
import type { AuthContext } from '#rally/access';
import { Auth, IdPipe, RequirePermission, StaffApi } from '#rally/access';
import type { Page } from '#rally/core';
import { ErrorResponse, pageOf, PageSchema, pageWindow } from '#rally/core';
import {
  RecommendationCreateDto,
  RecommendationListQueryDto,
  RecommendationResponse,
  RecommendationUpdateDto,
  toRecommendationResponse,
} from './dto/recommendation.dto.js';
import { RecommendationService } from './recommendation.service.js';
import { RecommendationPermission } from './recommendations.permissions.js';

export const RECOMMENDATION_ID = new IdPipe('Recommendation');

@StaffApi('recommendations')
@Controller('api/orgs/:orgSlug/recommendations')
export class RecommendationController {
  constructor(private readonly recommendations: RecommendationService) {}

  @Get()
  @RequirePermission(RecommendationPermission.Read)
  @ApiOkResponse({ type: PageSchema(RecommendationResponse) })
  async list(
    @Auth() auth: AuthContext,
    @Query() query: RecommendationListQueryDto,
  ): Promise<Page<RecommendationResponse>> {
    const window = pageWindow(query);
    const { q, focusArea, source, verification, withdrawn } = query;
    const { items, total } = await this.recommendations.list(auth, {
      ...{ q, focusArea, source, verification, withdrawn },
      ...window,
    });
    return pageOf(items.map(toRecommendationResponse), total, window);
  }

  @Post()
  @RequirePermission(RecommendationPermission.Manage)
  @ApiCreatedResponse({ type: RecommendationResponse })
  @ApiConflictResponse({
    type: ErrorResponse,
    description: "code taken in the organisation or by the Study's catalogue",
  })
  async create(@Auth() auth: AuthContext, @Body() body: RecommendationCreateDto): Promise<RecommendationResponse> {
    return toRecommendationResponse(await this.recommendations.create(auth, body));
  }

  @Get(':recommendationId')
  @RequirePermission(RecommendationPermission.Read)
  @ApiOkResponse({ type: RecommendationResponse })
  async get(
    @Auth() auth: AuthContext,
    @Param('recommendationId', RECOMMENDATION_ID) id: string,
  ): Promise<RecommendationResponse> {
    return toRecommendationResponse(await this.recommendations.get(auth, id));
  }

  @Patch(':recommendationId')
  @RequirePermission(RecommendationPermission.Manage)
  @ApiOkResponse({ type: RecommendationResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: "One of the Study's (read-only), or the code is taken" })
  async update(
    @Auth() auth: AuthContext,
    @Param('recommendationId', RECOMMENDATION_ID) id: string,
    @Body() body: RecommendationUpdateDto,
  ): Promise<RecommendationResponse> {
    return toRecommendationResponse(await this.recommendations.update(auth, id, body));
  }

  @Delete(':recommendationId')
  @HttpCode(204)
  @RequirePermission(RecommendationPermission.Manage)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiConflictResponse({ type: ErrorResponse, description: "One of the Study's (read-only), or cited: withdraw it" })
  async remove(@Auth() auth: AuthContext, @Param('recommendationId', RECOMMENDATION_ID) id: string): Promise<void> {
    await this.recommendations.remove(auth, id);
  }
}
