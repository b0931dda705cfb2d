import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LANGUAGES } from '#rally/core';
import { TemplateProblemResponse } from '#rally/letters';
import { MAILING_RUN_STATUSES } from '../entities/mailing-run.entity.js';
import type { MailingRunStatus } from '../entities/mailing-run.entity.js';
import { MAILING_STATUSES } from '../entities/mailing.entity.js';
import type { MailingStatus } from '../entities/mailing.entity.js';
import { MailingAudienceDto, MailingScheduleDto, MailingVariantDto } from './mailing-request.dto.js';

export class MailingResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Push before the debate' }) name: string;
  @ApiProperty({ type: MailingAudienceDto }) audience: MailingAudienceDto;
  @ApiProperty({ type: [MailingVariantDto] }) variants: MailingVariantDto[];
  @ApiProperty({ enum: LANGUAGES, enumName: 'Language', example: 'en' }) fallbackLanguage: string;
  @ApiProperty({ enum: MAILING_STATUSES, enumName: 'MailingStatus', example: 'scheduled' }) status: MailingStatus;
  @ApiProperty({ type: MailingScheduleDto, nullable: true }) schedule: MailingScheduleDto | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) nextRunAt: string | null;
  @ApiProperty({ example: 'Europe/Paris', description: "The organisation's time zone, which schedules follow" })
  timeZone: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) campaignId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) petitionId: string | null;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class AudienceCountResponse {
  @ApiProperty({ example: 1240, description: 'Who would receive it now: consent, preferences and suppression applied' })
  recipients: number;
}

export class MailingPreviewResponse {
  @ApiProperty({ enum: LANGUAGES, enumName: 'Language', example: 'fr', description: 'The variant shown' })
  language: string;
  @ApiProperty({ example: 'Debate on Thursday: one more push, Amina' }) subject: string;
  @ApiProperty() text: string;
  @ApiProperty({ description: 'The HTML part as sent (escaped text in paragraphs, the footer)' }) html: string;
  @ApiProperty({ type: [TemplateProblemResponse], description: 'Template problems, with line and column' })
  problems: TemplateProblemResponse[];
}

export class MailingTestSendResponse {
  @ApiProperty({ example: 'me@example.org' }) sentTo: string;
}

export class MailingRunProgress {
  @ApiProperty({ example: 1200 }) staged: number;
  @ApiProperty({ example: 400, description: 'Handed to the outbox, not yet sent' }) queued: number;
  @ApiProperty({ example: 780 }) sent: number;
  @ApiProperty({ example: 3 }) failed: number;
  @ApiProperty({ example: 2 }) bounced: number;
  @ApiProperty({ example: 5, description: 'Unsubscribed from a link of this run' }) unsubscribed: number;
  @ApiProperty({ example: 15, description: 'Not sent: the mailing was cancelled first' }) skipped: number;
}

export class MailingRunResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) mailingId: string;
  @ApiProperty({ format: 'date-time', description: 'The scheduled time this run stands for' }) occurrence: string;
  @ApiProperty({ enum: MAILING_RUN_STATUSES, enumName: 'MailingRunStatus' }) status: MailingRunStatus;
  @ApiProperty({ type: MailingRunProgress }) progress: MailingRunProgress;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) finishedAt: string | null;
}

export class SuppressionCountResponse {
  @ApiProperty({ example: 12 }) suppressed: number;
}

export class SuppressionCheckResponse {
  @ApiProperty({ example: true }) suppressed: boolean;
}
