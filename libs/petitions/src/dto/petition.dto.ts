import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { Type as Transform } from 'class-transformer';
import { LANGUAGES, PageQueryDto } from '#rally/core';
import type { Language } from '#rally/core';
import type { PaperSignatureBatch } from '../entities/paper-signature-batch.entity.js';
import type { Petition, PetitionStatus } from '../entities/petition.entity.js';
import { PETITION_STATUSES } from '../entities/petition.entity.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export class PetitionCreateDto {
  @ApiProperty({ example: '00000000-0000-4000-8000-000000000000', description: 'Campaign of the same organisation' })
  @IsUUID()
  campaignId: string;

  @ApiProperty({
    example: 'end-child-detention',
    description: 'Public address /p/<slug>: lower-case letters, digits and dashes',
  })
  @IsString()
  @Matches(SLUG, { message: 'slug must be lower-case letters, digits and single dashes' })
  @MinLength(3)
  @MaxLength(80)
  slug: string;

  @ApiProperty({ example: 'End the detention of children' })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  title: string;

  @ApiProperty({ example: 'We ask the Ministry of Justice to end the detention of children and fund alternatives.' })
  @IsString()
  @MinLength(10)
  @MaxLength(20_000)
  ask: string;

  @ApiPropertyOptional({ example: 'The Minister of Justice' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  targetDescription?: string;

  @ApiProperty({ example: 10000 })
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  goal: number;

  @ApiPropertyOptional({ example: [1000, 5000], type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(100_000_000, { each: true })
  milestones?: number[];

  @ApiProperty({ example: 'en', enum: LANGUAGES, enumName: 'Language' })
  @IsIn(LANGUAGES)
  language: Language;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    example: '2030-01-01T00:00:00.000Z',
    description: 'When the petition closes by itself',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  closesAt?: string;
}

/** Everything but the campaign and the public address (fixed once shared) may change; only the fields sent change. */
export class PetitionUpdateDto extends PartialType(
  OmitType(PetitionCreateDto, ['campaignId', 'slug', 'closesAt'] as const),
) {
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    example: '2031-01-01T00:00:00.000Z',
    nullable: true,
    description: 'null removes the close date',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  closesAt?: string | null;
}

export class PaperSignaturesCreateDto {
  @ApiProperty({ example: 250 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  count: number;

  @ApiProperty({ example: 'Stall at the Lyon book fair, 12 March' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  sourceNote: string;
}

export class PetitionCountsSummary {
  @ApiProperty({ example: 1234 }) total: number;
  @ApiProperty({ example: 1000, description: 'Confirmed online signatures' }) online: number;
  @ApiProperty({ example: 234, description: 'Paper signatures added by staff' }) paper: number;
}

export class PetitionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty({ example: 'end-child-detention' }) slug: string;
  @ApiProperty({ example: 'https://act.example.org/p/end-child-detention', description: 'The public page' })
  publicUrl: string;
  @ApiProperty({ example: 'End the detention of children' }) title: string;
  @ApiProperty() ask: string;
  @ApiProperty() targetDescription: string;
  @ApiProperty({ example: 10000 }) goal: number;
  @ApiProperty({ type: [Number], example: [1000, 5000] }) milestones: number[];
  @ApiProperty({ enum: LANGUAGES, enumName: 'Language' }) language: Language;
  @ApiProperty({ enum: PETITION_STATUSES, enumName: 'PetitionStatus' }) status: PetitionStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closesAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) openedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt: string | null;
  @ApiProperty({ type: PetitionCountsSummary }) counts: PetitionCountsSummary;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export const PETITION_SORTS = ['newest', 'oldest', 'title'] as const;
export type PetitionSort = (typeof PETITION_SORTS)[number];

export class PetitionListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the petitions of this campaign' })
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @ApiPropertyOptional({ enum: PETITION_STATUSES, enumName: 'PetitionStatus' })
  @IsOptional()
  @IsIn(PETITION_STATUSES)
  status?: PetitionStatus;

  @ApiPropertyOptional({ example: 'detention', description: 'Part of the title or the address' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: PETITION_SORTS, enumName: 'PetitionSort', example: 'newest' })
  @IsOptional()
  @IsIn(PETITION_SORTS)
  sort?: PetitionSort;
}

export class PaperSignatureBatchResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 250 }) count: number;
  @ApiProperty({ example: 'Stall at the Lyon book fair, 12 March' }) sourceNote: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class RegionCount {
  @ApiProperty({ example: 'Bretagne' }) region: string;
  @ApiProperty({ example: 12 }) count: number;
}

export class CountryCount {
  @ApiProperty({ example: 'FR', description: 'ISO 3166-1 alpha-2' }) country: string;
  @ApiProperty({ example: 40 }) count: number;
}

export class PetitionCountsReportResponse extends PetitionCountsSummary {
  @ApiProperty({ type: [RegionCount] }) byRegion: RegionCount[];
  @ApiProperty({ type: [CountryCount] }) byCountry: CountryCount[];
}

export const SIGNATURE_DAY_SPANS = [30, 90] as const;

export class SignaturesPerDayQueryDto {
  @ApiPropertyOptional({ enum: SIGNATURE_DAY_SPANS, example: 30, description: 'How many days, ending today' })
  @IsOptional()
  @Transform(() => Number)
  @IsIn(SIGNATURE_DAY_SPANS)
  days?: (typeof SIGNATURE_DAY_SPANS)[number];
}

export class DayCount {
  @ApiProperty({ example: '2026-11-30', format: 'date' }) date: string;
  @ApiProperty({ example: 57 }) count: number;
}

export class SignaturesPerDayResponse {
  @ApiProperty({ example: 'Europe/Paris', description: "The organisation's time zone, in which the days are counted" })
  timeZone: string;
  @ApiProperty({ type: [DayCount], description: 'Confirmed online signatures per day, oldest first, today last' })
  days: DayCount[];
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export const toPaperSignatureBatchResponse = (b: PaperSignatureBatch): PaperSignatureBatchResponse => ({
  id: b.id,
  count: b.count,
  sourceNote: b.sourceNote,
  createdAt: b.createdAt.toISOString(),
});

export const toPetitionResponse = (
  p: Petition,
  counts: { online: number; paper: number },
  publicUrl: string,
): PetitionResponse => ({
  id: p.id,
  campaignId: p.campaignId,
  slug: p.slug,
  publicUrl: `${publicUrl}/p/${p.slug}`,
  title: p.title,
  ask: p.ask,
  targetDescription: p.targetDescription,
  goal: p.goal,
  milestones: p.milestones,
  language: p.language,
  status: p.status,
  closesAt: iso(p.closesAt),
  openedAt: iso(p.openedAt),
  closedAt: iso(p.closedAt),
  deliveredAt: iso(p.deliveredAt),
  counts: { total: counts.online + counts.paper, online: counts.online, paper: counts.paper },
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});
