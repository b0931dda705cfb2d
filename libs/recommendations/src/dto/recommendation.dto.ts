import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IfPresent, PageQueryDto, toBoolean } from '#rally/core';
import type {
  EvidenceLink,
  Recommendation,
  RecommendationSource,
  VerificationLevel,
} from '../entities/recommendation.entity.js';
import { RECOMMENDATION_SOURCES, VERIFICATION_LEVELS } from '../entities/recommendation.entity.js';
import type { StudyFocusArea } from '../focus-areas.js';
import { STUDY_FOCUS_AREAS } from '../focus-areas.js';
import { studyRecommends } from '../recommendation-wording.js';

// The same shape responsibilities and letter actions accept, so an own code can be cited wherever a Study code can.
export const RECOMMENDATION_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
// Sizes: a title is a line of a letter; a summary a paragraph or two; 20 links is more than any item of the Study has.
const TITLE = 300;
const SUMMARY = 5_000;
const LABEL = 200;
const EVIDENCE = 20;

const Field = {
  code: () =>
    applyDecorators(
      IsString(),
      Matches(RECOMMENDATION_CODE, { message: 'code must be 1-40 letters, digits, . _ - such as CRC-2024-31' }),
    ),
  focusArea: () =>
    applyDecorators(
      ValidateIf((_, v: unknown) => v !== null),
      IsIn(STUDY_FOCUS_AREAS),
    ),
  title: () => applyDecorators(IsString(), MinLength(1), MaxLength(TITLE)),
  line: (max: number) => applyDecorators(IsString(), MaxLength(max)),
  label: () => applyDecorators(IsString(), MinLength(1), MaxLength(LABEL)),
  evidence: () =>
    applyDecorators(
      IsArray(),
      ArrayMaxSize(EVIDENCE),
      ValidateNested({ each: true }),
      Type(() => EvidenceLinkDto),
    ),
};

export class EvidenceLinkDto implements EvidenceLink {
  @ApiProperty({ example: 'https://www.ohchr.org/en/documents/concluding-observations/crcc-fra-co-6-7' })
  @IsString()
  @MaxLength(2_000)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'url must be an http(s) address' })
  url: string;

  @ApiProperty({ example: 'paragraph 31: end immigration detention of children' })
  @IsString()
  @MaxLength(500)
  supports: string;
}

export class RecommendationCreateDto {
  @ApiProperty({ example: 'CRC-2024-31', description: "Unique in the organisation and apart from the Study's codes" })
  @Field.code()
  code: string;

  @ApiProperty({
    enum: STUDY_FOCUS_AREAS,
    enumName: 'StudyFocusArea',
    nullable: true,
    example: 'migration',
    description: 'null: across every focus area',
  })
  @Field.focusArea()
  focusArea: StudyFocusArea | null;

  @ApiProperty({ example: 'End the immigration detention of children' })
  @Field.title()
  title: string;

  @ApiPropertyOptional({ example: 'The Committee urges the State to end the detention of children in waiting zones.' })
  @IfPresent()
  @Field.line(SUMMARY)
  summary?: string;

  @ApiProperty({ example: 'CRC concluding observations 2024', description: 'Where the recommendation comes from' })
  @Field.label()
  sourceLabel: string;

  @ApiPropertyOptional({ example: 'CRC/C/FRA/CO/6-7 para. 31' })
  @IfPresent()
  @Field.line(TITLE)
  sourceReference?: string;

  @ApiPropertyOptional({ type: [EvidenceLinkDto] })
  @IfPresent()
  @Field.evidence()
  evidence?: EvidenceLinkDto[];
}

/** Only the fields sent change. */
export class RecommendationUpdateDto {
  @ApiPropertyOptional({ example: 'CRC-2024-31' })
  @IfPresent()
  @Field.code()
  code?: string;

  @ApiPropertyOptional({ enum: STUDY_FOCUS_AREAS, enumName: 'StudyFocusArea', nullable: true, example: 'migration' })
  @IfPresent()
  @Field.focusArea()
  focusArea?: StudyFocusArea | null;

  @ApiPropertyOptional({ example: 'End the immigration detention of children' })
  @IfPresent()
  @Field.title()
  title?: string;

  @ApiPropertyOptional({ example: '' })
  @IfPresent()
  @Field.line(SUMMARY)
  summary?: string;

  @ApiPropertyOptional({ example: 'UPR 4th cycle' })
  @IfPresent()
  @Field.label()
  sourceLabel?: string;

  @ApiPropertyOptional({ example: 'A/HRC/54/5 rec. 45.112' })
  @IfPresent()
  @Field.line(TITLE)
  sourceReference?: string;

  @ApiPropertyOptional({ type: [EvidenceLinkDto] })
  @IfPresent()
  @Field.evidence()
  evidence?: EvidenceLinkDto[];

  @ApiPropertyOptional({ example: false, description: 'Set aside: kept for what refers to it, hidden from lists' })
  @IfPresent()
  @IsBoolean()
  withdrawn?: boolean;
}

export class EvidenceLinkResponse {
  @ApiProperty({ example: 'https://nochildbehindbars.com/background/recommendations/' }) url: string;
  @ApiProperty({ example: "'Reduce the number of children in detention' heading" }) supports: string;
}

export class RecommendationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'MIG-1' }) code: string;
  @ApiProperty({ enum: RECOMMENDATION_SOURCES, enumName: 'RecommendationSource', example: 'study' })
  sourceKind: RecommendationSource;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'CRC concluding observations 2024',
    description: "The organisation's own source; null for the Study's",
  })
  sourceLabel: string | null;
  @ApiProperty({ enum: STUDY_FOCUS_AREAS, enumName: 'StudyFocusArea', nullable: true, example: 'migration' })
  focusArea: StudyFocusArea | null;
  @ApiProperty({ example: 'End immigration detention of children' }) title: string;
  @ApiProperty({ example: '' }) summary: string;
  @ApiProperty({ example: 'Global Study, migration chapter' }) sourceReference: string;
  @ApiProperty({
    enum: VERIFICATION_LEVELS,
    enumName: 'VerificationLevel',
    nullable: true,
    example: 'secondary',
    description: "How far the item was checked against the Study's text; null: not applicable (the organisation's own)",
  })
  verification: VerificationLevel | null;
  @ApiProperty({
    example: true,
    description:
      'May be presented as "the Study recommends": a Study item verified primary or secondary, not withdrawn',
  })
  studyRecommends: boolean;
  @ApiProperty({ type: [EvidenceLinkResponse] }) evidence: EvidenceLinkResponse[];
  @ApiProperty({ example: false }) withdrawn: boolean;
  @ApiProperty({ type: String, nullable: true, example: '1.0', description: 'The Study catalogue version of this row' })
  catalogueVersion: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

/** `overarching` stands for the items of no single focus area (null), which a query string cannot carry. */
export const RECOMMENDATION_AREA_FILTERS = [...STUDY_FOCUS_AREAS, 'overarching'] as const;
export type RecommendationAreaFilter = (typeof RECOMMENDATION_AREA_FILTERS)[number];

export class RecommendationListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'detention', description: 'Part of the code, title, summary or source' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: RECOMMENDATION_AREA_FILTERS, enumName: 'RecommendationAreaFilter' })
  @IsOptional()
  @IsIn(RECOMMENDATION_AREA_FILTERS)
  focusArea?: RecommendationAreaFilter;

  @ApiPropertyOptional({ enum: RECOMMENDATION_SOURCES, enumName: 'RecommendationSource' })
  @IsOptional()
  @IsIn(RECOMMENDATION_SOURCES)
  source?: RecommendationSource;

  @ApiPropertyOptional({ enum: VERIFICATION_LEVELS, enumName: 'VerificationLevel' })
  @IsOptional()
  @IsIn(VERIFICATION_LEVELS)
  verification?: VerificationLevel;

  @ApiPropertyOptional({ type: Boolean, example: false, description: 'true: withdrawn ones only; absent: hidden' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  withdrawn?: boolean;
}

export class VerificationLegendResponse {
  @ApiProperty({ example: 'wording seen in the A/74/136 text itself (stored copy)' }) primary: string;
  @ApiProperty({ example: 'reported as a Study recommendation/figure by a Study-affiliated or UN source' })
  secondary: string;
  @ApiProperty({ example: 'supported by a Study finding or summary' }) partial: string;
  @ApiProperty({ example: 'supported only by follow-up advocacy' }) unverified: string;
}

export class RecommendationCatalogueResponse {
  @ApiProperty({ example: '1.0', description: 'The Study catalogue version the database holds' }) version: string;
  @ApiProperty({ example: 26 }) itemCount: number;
  @ApiProperty({ format: 'date-time' }) loadedAt: string;
  @ApiProperty({ example: 'The United Nations Global Study on Children Deprived of Liberty' }) sourceTitle: string;
  @ApiProperty({ example: 'https://undocs.org/A/74/136' }) sourceUrl: string;
  @ApiProperty({ type: VerificationLegendResponse, description: "The file's legend of each verification level" })
  verificationLegend: VerificationLegendResponse;
  @ApiProperty({ enum: VERIFICATION_LEVELS, enumName: 'VerificationLevel', isArray: true, example: ['primary'] })
  studyRecommendsLevels: VerificationLevel[];
}

export const toRecommendationResponse = (r: Recommendation): RecommendationResponse => ({
  id: r.id,
  code: r.code,
  sourceKind: r.sourceKind,
  sourceLabel: r.sourceLabel,
  focusArea: r.focusArea,
  title: r.title,
  summary: r.summary,
  sourceReference: r.sourceReference,
  verification: r.verification,
  studyRecommends: studyRecommends(r),
  evidence: r.evidence.map((e) => ({ url: e.url, supports: e.supports })),
  withdrawn: r.withdrawn,
  catalogueVersion: r.catalogueVersion,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});
