import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { SupporterService } from './supporter.service.js';

/** Supporter records and consent, written by the features supporters act through (petitions, letters). */
@Module({})
export class SupportersModule {
  static forApi(): DynamicModule {
    return { module: SupportersModule, providers: [SupporterService], exports: [SupporterService] };
  }
}
