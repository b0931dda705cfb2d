import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '#rally/core';
import type {
  ResponseChannel,
  ResponseEvidenceLink,
  ResponseOrigin,
  ResponseStance,
  ResponseStatus,
} from '../entities/target-response.entity.js';
import {
  RESPONSE_CHANNELS,
  RESPONSE_ORIGINS,
  RESPONSE_STANCES,
  RESPONSE_STATUSES,
} from '../entities/target-response.entity.js';
import { IfPresent, IsDay } from './response-fields.js';

// Sizes: a summary is a few paragraphs of a minister's letter; 50 links of each kind is more than a wave carries.
const SUMMARY = 10_000;
const LINKS = 50;
const EVIDENCE = 20;

const Field = {
  channel: () => IsIn(RESPONSE_CHANNELS),
  stance: () =>
    applyDecorators(
      ValidateIf((_, v: unknown) => v !== null && v !== undefined),
      IsIn(RESPONSE_STANCES),
    ),
  summary: () => applyDecorators(IsString(), MaxLength(SUMMARY)),
  ids: () => applyDecorators(IsArray(), ArrayMaxSize(LINKS), ArrayUnique(), IsUUID('all', { each: true })),
  evidence: () =>
    applyDecorators(
      IsArray(),
      ArrayMaxSize(EVIDENCE),
      ValidateNested({ each: true }),
      Type(() => ResponseEvidenceLinkDto),
    ),
};

export class ResponseEvidenceLinkDto implements ResponseEvidenceLink {
  @ApiProperty({ example: 'https://www.assemblee-nationale.fr/dyn/16/questions/QANR5L16QE1234' })
  @IsString()
  @MaxLength(2_000)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'url must be an http(s) address' })
  url: string;

  @ApiProperty({ example: "the minister's written answer of 3 June" })
  @IsString()
  @MaxLength(500)
  supports: string;
}

export class ResponseCreateDto {
  @ApiProperty({ format: 'uuid', description: 'Who responded: a target of the organisation' })
  @IsUUID()
  targetId: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @ValidateIf((_, v: unknown) => v !== null && v !== undefined)
  @IsUUID()
  campaignId?: string | null;

  @ApiProperty({ format: 'date', example: '2026-06-03', description: 'The day it happened' })
  @IsDay()
  occurredOn: string;

  @ApiProperty({ enum: RESPONSE_CHANNELS, enumName: 'ResponseChannel', example: 'meeting' })
  @Field.channel()
  channel: ResponseChannel;

  @ApiPropertyOptional({
    enum: RESPONSE_STANCES,
    enumName: 'ResponseStance',
    nullable: true,
    example: 'partially-committed',
    description: 'Required to record; a draft may leave it empty',
  })
  @Field.stance()
  stance?: ResponseStance | null;

  @ApiPropertyOptional({ example: 'The minister agreed to review the detention of children in waiting zones.' })
  @IfPresent()
  @Field.summary()
  summary?: string;

  @ApiPropertyOptional({ enum: RESPONSE_STATUSES, enumName: 'ResponseStatus', example: 'recorded' })
  @IfPresent()
  @IsIn(RESPONSE_STATUSES)
  status?: ResponseStatus;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: "Recommendations (the Study's or your own)" })
  @IfPresent()
  @Field.ids()
  recommendationIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Letters to this target it answers' })
  @IfPresent()
  @Field.ids()
  letterIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Captured replies (inbound messages)' })
  @IfPresent()
  @Field.ids()
  messageIds?: string[];

  @ApiPropertyOptional({ type: [ResponseEvidenceLinkDto] })
  @IfPresent()
  @Field.evidence()
  evidence?: ResponseEvidenceLinkDto[];
}

/** Only the fields sent change; `status: recorded` classifies a draft (a stance is then required). */
export class ResponseUpdateDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IfPresent()
  @IsUUID()
  targetId?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @ValidateIf((_, v: unknown) => v !== null && v !== undefined)
  @IsUUID()
  campaignId?: string | null;

  @ApiPropertyOptional({ format: 'date', example: '2026-06-03' })
  @IfPresent()
  @IsDay()
  occurredOn?: string;

  @ApiPropertyOptional({ enum: RESPONSE_CHANNELS, enumName: 'ResponseChannel' })
  @IfPresent()
  @Field.channel()
  channel?: ResponseChannel;

  @ApiPropertyOptional({ enum: RESPONSE_STANCES, enumName: 'ResponseStance', nullable: true })
  @Field.stance()
  stance?: ResponseStance | null;

  @ApiPropertyOptional({ example: 'Acknowledged; an answer is promised within a month.' })
  @IfPresent()
  @Field.summary()
  summary?: string;

  @ApiPropertyOptional({ enum: RESPONSE_STATUSES, enumName: 'ResponseStatus' })
  @IfPresent()
  @IsIn(RESPONSE_STATUSES)
  status?: ResponseStatus;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IfPresent()
  @Field.ids()
  recommendationIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IfPresent()
  @Field.ids()
  letterIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IfPresent()
  @Field.ids()
  messageIds?: string[];

  @ApiPropertyOptional({ type: [ResponseEvidenceLinkDto] })
  @IfPresent()
  @Field.evidence()
  evidence?: ResponseEvidenceLinkDto[];
}

export class ResponseListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  targetId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @ApiPropertyOptional({ enum: RESPONSE_STANCES, enumName: 'ResponseStance' })
  @IsOptional()
  @IsIn(RESPONSE_STANCES)
  stance?: ResponseStance;

  @ApiPropertyOptional({ enum: RESPONSE_CHANNELS, enumName: 'ResponseChannel' })
  @IsOptional()
  @IsIn(RESPONSE_CHANNELS)
  channel?: ResponseChannel;

  @ApiPropertyOptional({ enum: RESPONSE_STATUSES, enumName: 'ResponseStatus' })
  @IsOptional()
  @IsIn(RESPONSE_STATUSES)
  status?: ResponseStatus;

  @ApiPropertyOptional({ format: 'date', example: '2026-01-01', description: 'From this day on' })
  @IsOptional()
  @IsDay()
  from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-12-31', description: 'Up to this day included' })
  @IsOptional()
  @IsDay()
  to?: string;
}

export class ResponseEvidenceLinkResponse {
  @ApiProperty({ example: 'https://www.assemblee-nationale.fr/dyn/16/questions/QANR5L16QE1234' }) url: string;
  @ApiProperty({ example: "the minister's written answer" }) supports: string;
}

export class ResponseRecommendationLink {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'MIG-1' }) code: string;
  @ApiProperty({ example: 'End immigration detention of children' }) title: string;
}

export class ResponseLetterLink {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Children do not belong in detention' }) subject: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: string | null;
}

export class ResponseMessageLink {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Re: Children do not belong in detention' }) subject: string;
  @ApiProperty({ type: String, nullable: true, example: 'cabinet@justice.example.gov' }) fromAddress: string | null;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
}

export class ResponseResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) targetId: string;
  @ApiProperty({ example: 'Ministry of Justice' }) targetName: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) campaignId: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'No child in detention' }) campaignName: string | null;
  @ApiProperty({ format: 'date', example: '2026-06-03' }) occurredOn: string;
  @ApiProperty({ enum: RESPONSE_CHANNELS, enumName: 'ResponseChannel' }) channel: ResponseChannel;
  @ApiProperty({ enum: RESPONSE_STANCES, enumName: 'ResponseStance', nullable: true }) stance: ResponseStance | null;
  @ApiProperty({ example: '' }) summary: string;
  @ApiProperty({ enum: RESPONSE_STATUSES, enumName: 'ResponseStatus' }) status: ResponseStatus;
  @ApiProperty({ enum: RESPONSE_ORIGINS, enumName: 'ResponseOrigin' }) origin: ResponseOrigin;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The captured reply it was drafted from' })
  sourceMessageId: string | null;
  @ApiProperty({ type: [ResponseRecommendationLink] }) recommendations: ResponseRecommendationLink[];
  @ApiProperty({ type: [ResponseLetterLink] }) letters: ResponseLetterLink[];
  @ApiProperty({ type: [ResponseMessageLink] }) messages: ResponseMessageLink[];
  @ApiProperty({ type: [ResponseEvidenceLinkResponse] }) evidence: ResponseEvidenceLinkResponse[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) recordedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
