import { Module } from '@nestjs/common';
import { SupporterService } from './supporter.service.js';

@Module({ providers: [SupporterService], exports: [SupporterService] })
export class SupportersModule {}
