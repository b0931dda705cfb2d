import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { CatalogueController } from './catalogue/catalogue.controller.js';
import { CatalogueLoader } from './catalogue/catalogue-loader.js';
import { RecommendationController } from './recommendation.controller.js';
import { RecommendationService } from './recommendation.service.js';

/** The catalogue. Both processes load the shipped Study file at boot; the api serves the staff routes. */
@Module({})
export class RecommendationsModule {
  private static forApiModule?: DynamicModule;

  /** One instance, so two libraries importing it register its controllers once (Nest tells modules apart by reference). */
  static forApi(): DynamicModule {
    return (this.forApiModule ??= {
      module: RecommendationsModule,
      controllers: [CatalogueController, RecommendationController],
      providers: [CatalogueLoader, RecommendationService],
      exports: [RecommendationService],
    });
  }

  private static forWorkerModule?: DynamicModule;

  static forWorker(): DynamicModule {
    return (this.forWorkerModule ??= {
      module: RecommendationsModule,
      providers: [CatalogueLoader, RecommendationService],
      exports: [RecommendationService],
    });
  }
}
