import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { RecommendationsModule } from '#rally/recommendations';
import { AreaLookupController } from './area-lookup/area-lookup.controller.js';
import { AreaLookupService } from './area-lookup/area-lookup.service.js';
import { TargetDirectory } from './directory/target-directory.js';
import { TargetEmailController } from './directory/target-email.controller.js';
import { TargetEmailService } from './directory/target-email.service.js';
import { TargetController } from './directory/target.controller.js';
import { TargetService } from './directory/target.service.js';
import { ResponsibilityController } from './responsibilities/responsibility.controller.js';
import { ResponsibilityService } from './responsibilities/responsibility.service.js';
import { TargetExportController } from './export/target-export.controller.js';
import { TargetExport } from './export/target-export.js';
import { CsvBodyParser } from './import/csv-body.parser.js';
import { TargetImportController } from './import/target-import.controller.js';
import { TargetImportJob } from './import/target-import.job.js';
import { TargetImportPass } from './import/target-import.pass.js';
import { TargetImportService } from './import/target-import.service.js';

/** The target directory. The api: staff routes and uploads. The worker: CSV imports. */
@Module({})
export class TargetsModule {
  private static forApiModule?: DynamicModule;

  /** One instance, so two libraries importing it register its controllers once (Nest tells modules apart by reference). */
  static forApi(): DynamicModule {
    return (this.forApiModule ??= {
      module: TargetsModule,
      // Responsibilities cite recommendations by code.
      imports: [RecommendationsModule.forApi()],
      // TargetExportController first: its static targets/export.csv is registered before targets/:targetId.
      controllers: [
        TargetExportController,
        TargetController,
        TargetEmailController,
        ResponsibilityController,
        AreaLookupController,
        TargetImportController,
      ],
      providers: [
        TargetService,
        TargetEmailService,
        ResponsibilityService,
        AreaLookupService,
        TargetDirectory,
        TargetImportService,
        TargetExport,
        CsvBodyParser,
      ],
      exports: [TargetDirectory, TargetService],
    });
  }

  private static forWorkerModule?: DynamicModule;

  /** One instance, so two libraries importing it register its controllers once (Nest tells modules apart by reference). */
  static forWorker(): DynamicModule {
    return (this.forWorkerModule ??= {
      module: TargetsModule,
      providers: [TargetDirectory, TargetImportPass, TargetImportJob],
      exports: [TargetDirectory],
    });
  }
}
