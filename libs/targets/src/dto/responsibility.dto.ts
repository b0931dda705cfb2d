import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '#rally/core';
import type { Responsibility } from '../entities/responsibility.entity.js';
import type { StudyFocusArea } from '../focus-areas.js';
import { STUDY_FOCUS_AREAS } from '../focus-areas.js';
import { IfPresent, IsCountryCode, IsDay } from './target-fields.js';

// The Study's catalogue codes look like "JUS-12" or "3.4.b"; the catalogue itself arrives with its own library.
const RECOMMENDATION_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
const recommendationMessage = 'recommendationCode must be a catalogue code such as JUS-12 (letters, digits, . _ -)';

export class ResponsibilityCreateDto {
  @ApiProperty({ format: 'uuid', example: '00000000-0000-4000-8000-000000000000' })
  @IsUUID()
  targetId: string;

  @ApiProperty({ example: 'FR', description: 'ISO 3166-1 alpha-2' })
  @IsCountryCode()
  country: string;

  @ApiProperty({ enum: STUDY_FOCUS_AREAS, enumName: 'StudyFocusArea', example: 'migration' })
  @IsIn(STUDY_FOCUS_AREAS)
  focusArea: StudyFocusArea;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'MIG-4',
    description: 'One recommendation of the catalogue; absent or null: the whole focus area',
  })
  @IsOptional()
  @IsString()
  @Matches(RECOMMENDATION_CODE, { message: recommendationMessage })
  recommendationCode?: string | null;

  @ApiProperty({ format: 'date', example: '2027-01-01', description: 'First day responsible' })
  @IsDay()
  validFrom: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    example: '2027-12-31',
    description: 'Last day responsible; absent or null: until further notice',
  })
  @IsOptional()
  @IsDay()
  validUntil?: string | null;

  @ApiPropertyOptional({ example: 'After the January reshuffle' })
  @IfPresent()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({
    example: false,
    description:
      'A reshuffle: end the responsibilities for the same country, focus area and recommendation still running on validFrom, the day before. Without it both stay (shared responsibility).',
  })
  @IfPresent()
  @IsBoolean()
  replace?: boolean;
}

export class ResponsibilityUpdateDto {
  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    example: '2027-06-30',
    description: 'End it on this day; null: reopen it until further notice',
  })
  @IsOptional()
  @IsDay()
  validUntil?: string | null;

  @ApiPropertyOptional({ example: 'Ended by the June reshuffle' })
  @IfPresent()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ResponsibilityListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'FR' })
  @IsOptional()
  @IsCountryCode()
  country?: string;

  @ApiPropertyOptional({ enum: STUDY_FOCUS_AREAS, enumName: 'StudyFocusArea' })
  @IsOptional()
  @IsIn(STUDY_FOCUS_AREAS)
  focusArea?: StudyFocusArea;

  @ApiPropertyOptional({ example: 'MIG-4', description: 'Only the rows for this recommendation' })
  @IsOptional()
  @IsString()
  @Matches(RECOMMENDATION_CODE, { message: recommendationMessage })
  recommendationCode?: string;

  @ApiPropertyOptional({ format: 'date', example: '2027-03-15', description: 'Only the rows valid on this day' })
  @IsOptional()
  @IsDay()
  on?: string;
}

export class ResponsibilityResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) targetId: string;
  @ApiProperty({ example: 'Ministry of Justice' }) targetName: string;
  @ApiProperty({ example: 'FR' }) country: string;
  @ApiProperty({ enum: STUDY_FOCUS_AREAS, enumName: 'StudyFocusArea', example: 'migration' })
  focusArea: StudyFocusArea;
  @ApiProperty({ type: String, nullable: true, example: 'MIG-4' }) recommendationCode: string | null;
  @ApiProperty({ format: 'date', example: '2027-01-01' }) validFrom: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: null }) validUntil: string | null;
  @ApiProperty({ example: 'After the January reshuffle' }) note: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export const toResponsibilityResponse = (r: Responsibility): ResponsibilityResponse => ({
  id: r.id,
  targetId: r.targetId,
  targetName: r.target?.name ?? '',
  country: r.country,
  focusArea: r.focusArea,
  recommendationCode: r.recommendationCode,
  validFrom: r.validFrom,
  validUntil: r.validUntil,
  note: r.note,
  createdAt: r.createdAt.toISOString(),
});
