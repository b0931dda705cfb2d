import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { SupporterService } from './supporter.service.js';

/** Supporter records and consent, written by the features supporters act through (petitions, letters). */
@Module({})
export class SupportersModule {
  private static forApiModule?: DynamicModule;

  /** One instance however many libraries import it (Nest tells modules apart by reference). */
  static forApi(): DynamicModule {
    return (this.forApiModule ??= {
      module: SupportersModule,
      providers: [SupporterService],
      exports: [SupporterService],
    });
  }
}
