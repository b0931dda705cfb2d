import { Controller, Get } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiOkResponse } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { RequirePermission, StaffApi } from '#rally/access';
import { NotFoundError } from '#rally/core';
import { RecommendationCatalogueResponse } from '../dto/recommendation.dto.js';
import { RecommendationCatalogue } from '../entities/recommendation-catalogue.entity.js';
import { STUDY_RECOMMENDS_LEVELS } from '../recommendation-wording.js';
import { RecommendationPermission } from '../recommendations.permissions.js';
import { shippedStudyCatalogue, STUDY_CATALOGUE_NAME } from './study-catalogue.js';

/** The version loaded and the legend the console shows beside every verification badge. */
@StaffApi('recommendations')
@Controller('api/orgs/:orgSlug/recommendation-catalogue')
export class CatalogueController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  @RequirePermission(RecommendationPermission.Read)
  @ApiOkResponse({ type: RecommendationCatalogueResponse })
  async get(): Promise<RecommendationCatalogueResponse> {
    const loaded = await this.db.getRepository(RecommendationCatalogue).findOneBy({ name: STUDY_CATALOGUE_NAME });
    if (!loaded) throw new NotFoundError('Recommendation catalogue');
    const file = shippedStudyCatalogue();
    return {
      version: loaded.version,
      itemCount: loaded.itemCount,
      loadedAt: loaded.loadedAt.toISOString(),
      sourceTitle: file.source.title,
      sourceUrl: file.source.url,
      verificationLegend: file.legend,
      studyRecommendsLevels: [...STUDY_RECOMMENDS_LEVELS],
    };
  }
}
