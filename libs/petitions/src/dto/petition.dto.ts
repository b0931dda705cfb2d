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
import { LANGUAGES } from '#rally/core';
import type { Language } from '#rally/core';
import type { Petition } from '../entities/petition.entity.js';

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

  @ApiProperty({ example: 'en', enum: LANGUAGES })
  @IsIn(LANGUAGES)
  language: Language;

  @ApiPropertyOptional({ example: '2030-01-01T00:00:00.000Z', description: 'When the petition closes by itself' })
  @IsOptional()
  @IsISO8601({ strict: true })
  closesAt?: string;
}

/** Everything but the campaign and the public address (fixed once shared) may change; only the fields sent change. */
export class PetitionUpdateDto extends PartialType(
  OmitType(PetitionCreateDto, ['campaignId', 'slug', 'closesAt'] as const),
) {
  @ApiPropertyOptional({
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

export interface PetitionResponse {
  id: string;
  campaignId: string;
  slug: string;
  publicUrl: string;
  title: string;
  ask: string;
  targetDescription: string;
  goal: number;
  milestones: number[];
  language: Language;
  status: string;
  closesAt: string | null;
  openedAt: string | null;
  closedAt: string | null;
  deliveredAt: string | null;
  counts: { total: number; online: number; paper: number };
  createdAt: string;
  updatedAt: string;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

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
