import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '#rally/core';
import { EvidenceLinkDto, RECOMMENDATION_AREA_FILTERS, type RecommendationAreaFilter } from '#rally/recommendations';
import type { ImplementationStatusValue } from '../implementation-state.js';
import { IMPLEMENTATION_STATUSES } from '../implementation-state.js';
import { IfPresent, IsCountryCode, IsDay, toBoolean } from './implementation-fields.js';

// A summary is a paragraph or two of what changed; 20 links is more than any status needs (the catalogue's limit too).
const SUMMARY = 5_000;
const NOTE = 5_000;
const COMMENT = 2_000;
const EVIDENCE = 20;

/** Only the fields sent change; the status is required, so every change says where the country stands. */
export class StatusChangeDto {
  @ApiProperty({ example: 'FR', description: 'ISO 3166-1 alpha-2' })
  @IsCountryCode()
  country: string;

  @ApiProperty({ enum: IMPLEMENTATION_STATUSES, enumName: 'ImplementationStatusValue', example: 'in-progress' })
  @IsIn(IMPLEMENTATION_STATUSES)
  status: ImplementationStatusValue;

  @ApiPropertyOptional({ type: [EvidenceLinkDto] })
  @IfPresent()
  @IsArray()
  @ArrayMaxSize(EVIDENCE)
  @ValidateNested({ each: true })
  @Type(() => EvidenceLinkDto)
  evidence?: EvidenceLinkDto[];

  @ApiPropertyOptional({ example: 'The 2027 budget funds two alternatives-to-detention pilots.' })
  @IfPresent()
  @IsString()
  @MaxLength(SUMMARY)
  evidenceSummary?: string;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2027-02-15' })
  @IsOptional()
  @IsDay()
  evidenceDate?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2027-03-01' })
  @IsOptional()
  @IsDay()
  lastVerified?: string | null;

  @ApiPropertyOptional({ example: 'Checked with the ministry focal point.' })
  @IfPresent()
  @IsString()
  @MaxLength(NOTE)
  note?: string;

  @ApiPropertyOptional({
    example: 0,
    description: 'The version the editor started from (0: none yet); a different current version answers 409',
  })
  @IfPresent()
  @IsInt()
  @Min(0)
  baseVersion?: number;

  @ApiPropertyOptional({ example: 'Budget law adopted', description: 'Kept in the history with this change' })
  @IfPresent()
  @IsString()
  @MaxLength(COMMENT)
  comment?: string;
}

export class ProposalDecisionDto {
  @ApiPropertyOptional({ example: 'Matches the budget law' })
  @IfPresent()
  @IsString()
  @MaxLength(COMMENT)
  comment?: string;
}

export class ImplementationSettingsDto {
  @ApiProperty({ example: true, description: 'On: changes are proposals another coordinator or admin approves' })
  @IsBoolean()
  secondReviewer: boolean;
}

const toCodeList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((code) => code.trim())
        .filter(Boolean)
    : value;

export class StatusBoardQueryDto extends PageQueryDto {
  @ApiProperty({ example: 'FR' })
  @IsCountryCode()
  country: string;

  @ApiPropertyOptional({ enum: RECOMMENDATION_AREA_FILTERS, enumName: 'RecommendationAreaFilter' })
  @IsOptional()
  @IsIn(RECOMMENDATION_AREA_FILTERS)
  focusArea?: RecommendationAreaFilter;

  @ApiPropertyOptional({ enum: IMPLEMENTATION_STATUSES, enumName: 'ImplementationStatusValue' })
  @IsOptional()
  @IsIn(IMPLEMENTATION_STATUSES)
  status?: ImplementationStatusValue;

  @ApiPropertyOptional({
    type: String,
    example: 'MIG-1,JUS-3',
    description: 'Only these recommendation codes, comma-separated (at most 100): the ones a campaign cites',
  })
  @IsOptional()
  @Transform(toCodeList)
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  codes?: string[];

  @ApiPropertyOptional({ type: Boolean, example: true, description: 'true: only those with a pending proposal' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  pending?: boolean;

  @ApiPropertyOptional({
    format: 'date',
    example: '2027-03-01',
    description: 'Responsible ministries of this day; default today',
  })
  @IsOptional()
  @IsDay()
  on?: string;
}

/** The country is checked after the recommendation: an unknown or foreign one is a 404 whatever the query. */
export class StatusQueryDto {
  @ApiPropertyOptional({ example: 'FR', description: 'Required: ISO 3166-1 alpha-2' })
  @IsOptional()
  @IsCountryCode()
  country?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2027-03-01',
    description: 'Responsible ministries of this day; default today',
  })
  @IsOptional()
  @IsDay()
  on?: string;
}

export class ProposalListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'FR' })
  @IsOptional()
  @IsCountryCode()
  country?: string;
}

export class StatusSummaryQueryDto {
  @ApiProperty({ example: 'FR' })
  @IsCountryCode()
  country: string;
}
