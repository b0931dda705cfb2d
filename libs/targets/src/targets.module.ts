import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';

/** The target directory. The api: staff routes and uploads. The worker: CSV imports. */
@Module({})
export class TargetsModule {
  static forApi(): DynamicModule {
    return {
      module: TargetsModule,
      controllers: [],
      providers: [],
      exports: [],
    };
  }

  static forWorker(): DynamicModule {
    return {
      module: TargetsModule,
      providers: [],
    };
  }
}
