import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';

/** Letters. The api: staff routes, the public letter page. The worker: dispatch and supporter mail. */
@Module({})
export class LettersModule {
  static forApi(): DynamicModule {
    return {
      module: LettersModule,
      controllers: [],
      providers: [],
      exports: [],
    };
  }

  static forWorker(): DynamicModule {
    return {
      module: LettersModule,
      providers: [],
    };
  }
}
