import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import type { Language } from '#rally/core';
import { LANGUAGES, PageQueryDto } from '#rally/core';
import type { TargetEmailState } from '../entities/target-email.entity.js';
import { TARGET_EMAIL_STATES } from '../entities/target-email.entity.js';
import type { Target, TargetKind } from '../entities/target.entity.js';
import { TARGET_KINDS } from '../entities/target.entity.js';
import type { StudyFocusArea } from '../focus-areas.js';
import { STUDY_FOCUS_AREAS } from '../focus-areas.js';
import { TargetEmailResponse, toTargetEmailResponse } from './target-email.dto.js';
import { IfPresent, IsCountryCode, IsEmailAddress, IsTimeZone, toBoolean } from './target-fields.js';

// Sizes: a name or title is a line of a letter; 200 region codes covers every constituency of a region.
const LINE = 300;
const CODE = 64;

/** Each field's rules once, for create (required ones bare) and update (every one optional, never null). */
const Field = {
  kind: () => IsIn(TARGET_KINDS),
  name: () => applyDecorators(IsString(), MinLength(1), MaxLength(LINE)),
  line: (max = LINE) => applyDecorators(IsString(), MaxLength(max)),
  codes: (max: number) =>
    applyDecorators(
      IsArray(),
      ArrayMaxSize(max),
      IsString({ each: true }),
      MinLength(1, { each: true }),
      MaxLength(CODE, { each: true }),
    ),
  language: () => IsIn(LANGUAGES),
  timeZone: () => applyDecorators(IsOptional(), IsTimeZone()),
  focusAreas: () =>
    applyDecorators(IsArray(), ArrayMaxSize(STUDY_FOCUS_AREAS.length), IsIn(STUDY_FOCUS_AREAS, { each: true })),
  externalId: () => applyDecorators(IsOptional(), IsString(), MinLength(1), MaxLength(200)),
  active: () => IsBoolean(),
};

export class TargetCreateDto {
  @ApiProperty({ enum: TARGET_KINDS, enumName: 'TargetKind', example: 'minister' })
  @Field.kind()
  kind: TargetKind;

  @ApiProperty({ example: 'Jane Doe', description: 'The person or office as letters address it' })
  @Field.name()
  name: string;

  @ApiPropertyOptional({ example: 'Minister of Justice', description: 'Title or role' })
  @IfPresent()
  @Field.line()
  title?: string;

  @ApiPropertyOptional({ example: 'Ministry of Justice', description: 'The ministry or body' })
  @IfPresent()
  @Field.line()
  body?: string;

  @ApiPropertyOptional({ example: 'Dear Minister', description: "How a letter opens; empty: the letter's own" })
  @IfPresent()
  @Field.line(200)
  salutation?: string;

  @ApiProperty({ example: 'FR', description: 'ISO 3166-1 alpha-2' })
  @IsCountryCode()
  country: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['FR-ARA', 'FR-69-03'],
    description: 'Region and constituency codes',
  })
  @IfPresent()
  @Field.codes(200)
  regionCodes?: string[];

  @ApiProperty({ enum: LANGUAGES, enumName: 'Language', example: 'fr' })
  @Field.language()
  language: Language;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'Europe/Paris',
    description: "IANA zone of the sending window; null: the country's main zone",
  })
  @Field.timeZone()
  timeZone?: string | null;

  @ApiPropertyOptional({
    enum: STUDY_FOCUS_AREAS,
    enumName: 'StudyFocusArea',
    isArray: true,
    example: ['administration-of-justice'],
  })
  @IfPresent()
  @Field.focusAreas()
  focusAreas?: StudyFocusArea[];

  @ApiPropertyOptional({ type: [String], example: ['cabinet', 'priority'] })
  @IfPresent()
  @Field.codes(50)
  tags?: string[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'AN-PA1234',
    description: "The organisation's own id for the target, unique in the organisation (imports match on it)",
  })
  @Field.externalId()
  externalId?: string | null;

  @ApiPropertyOptional({ example: 'Prefers letters in French.' })
  @IfPresent()
  @Field.line(10_000)
  notes?: string;

  @ApiPropertyOptional({ example: true, description: 'Inactive targets stay in history but are never routed to' })
  @IfPresent()
  @Field.active()
  active?: boolean;

  @ApiProperty({
    type: [String],
    example: ['minister@justice.example.gov'],
    description: 'One or more addresses, first preferred; letters go to the first active one',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsEmailAddress({ each: true })
  emails: string[];
}

/** Only the fields sent change; addresses have their own routes. */
export class TargetUpdateDto {
  @ApiPropertyOptional({ enum: TARGET_KINDS, enumName: 'TargetKind', example: 'ministry' })
  @IfPresent()
  @Field.kind()
  kind?: TargetKind;

  @ApiPropertyOptional({ example: 'Ministry of Justice' })
  @IfPresent()
  @Field.name()
  name?: string;

  @ApiPropertyOptional({ example: 'Minister of Justice' })
  @IfPresent()
  @Field.line()
  title?: string;

  @ApiPropertyOptional({ example: 'Ministry of Justice' })
  @IfPresent()
  @Field.line()
  body?: string;

  @ApiPropertyOptional({ example: 'Dear Minister' })
  @IfPresent()
  @Field.line(200)
  salutation?: string;

  @ApiPropertyOptional({ example: 'FR' })
  @IfPresent()
  @IsCountryCode()
  country?: string;

  @ApiPropertyOptional({ type: [String], example: ['FR-ARA'] })
  @IfPresent()
  @Field.codes(200)
  regionCodes?: string[];

  @ApiPropertyOptional({ enum: LANGUAGES, enumName: 'Language', example: 'fr' })
  @IfPresent()
  @Field.language()
  language?: Language;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Europe/Paris' })
  @Field.timeZone()
  timeZone?: string | null;

  @ApiPropertyOptional({ enum: STUDY_FOCUS_AREAS, enumName: 'StudyFocusArea', isArray: true, example: ['migration'] })
  @IfPresent()
  @Field.focusAreas()
  focusAreas?: StudyFocusArea[];

  @ApiPropertyOptional({ type: [String], example: ['cabinet'] })
  @IfPresent()
  @Field.codes(50)
  tags?: string[];

  @ApiPropertyOptional({ type: String, nullable: true, example: 'AN-PA1234' })
  @Field.externalId()
  externalId?: string | null;

  @ApiPropertyOptional({ example: 'Moved to the Ministry of the Interior in May.' })
  @IfPresent()
  @Field.line(10_000)
  notes?: string;

  @ApiPropertyOptional({ example: false })
  @IfPresent()
  @Field.active()
  active?: boolean;
}

export class TargetResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: TARGET_KINDS, enumName: 'TargetKind', example: 'minister' }) kind: TargetKind;
  @ApiProperty({ example: 'Jane Doe' }) name: string;
  @ApiProperty({ example: 'Minister of Justice' }) title: string;
  @ApiProperty({ example: 'Ministry of Justice' }) body: string;
  @ApiProperty({ example: 'Dear Minister' }) salutation: string;
  @ApiProperty({ example: 'FR' }) country: string;
  @ApiProperty({ type: [String], example: ['FR-ARA'] }) regionCodes: string[];
  @ApiProperty({ enum: LANGUAGES, enumName: 'Language', example: 'fr' }) language: Language;
  @ApiProperty({ type: String, nullable: true, example: 'Europe/Paris' }) timeZone: string | null;
  @ApiProperty({ enum: STUDY_FOCUS_AREAS, enumName: 'StudyFocusArea', isArray: true, example: ['migration'] })
  focusAreas: StudyFocusArea[];
  @ApiProperty({ type: [String], example: ['cabinet'] }) tags: string[];
  @ApiProperty({ type: String, nullable: true, example: 'AN-PA1234' }) externalId: string | null;
  @ApiProperty({ example: '' }) notes: string;
  @ApiProperty({ example: true }) active: boolean;
  @ApiProperty({
    type: Boolean,
    example: true,
    description: 'Active with at least one active address: letters can be routed to it',
  })
  routable: boolean;
  @ApiProperty({ type: [TargetEmailResponse], description: 'In position order' }) emails: TargetEmailResponse[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export const TARGET_SORTS = ['name', 'newest', 'updated'] as const;
export type TargetSort = (typeof TARGET_SORTS)[number];

export class TargetListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'justice', description: 'Part of the name, title, body or an address' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: TARGET_KINDS, enumName: 'TargetKind' })
  @IsOptional()
  @IsIn(TARGET_KINDS)
  kind?: TargetKind;

  @ApiPropertyOptional({ example: 'FR' })
  @IsOptional()
  @IsCountryCode()
  country?: string;

  @ApiPropertyOptional({ example: 'FR-ARA', description: 'Targets answering for this region code' })
  @IsOptional()
  @IsString()
  @MaxLength(CODE)
  region?: string;

  @ApiPropertyOptional({ enum: STUDY_FOCUS_AREAS, enumName: 'StudyFocusArea' })
  @IsOptional()
  @IsIn(STUDY_FOCUS_AREAS)
  focusArea?: StudyFocusArea;

  @ApiPropertyOptional({ example: 'cabinet' })
  @IsOptional()
  @IsString()
  @MaxLength(CODE)
  tag?: string;

  @ApiPropertyOptional({ type: Boolean, example: true })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    enum: TARGET_EMAIL_STATES,
    enumName: 'TargetEmailState',
    description: 'Targets with at least one address in this state',
  })
  @IsOptional()
  @IsIn(TARGET_EMAIL_STATES)
  emailState?: TargetEmailState;

  @ApiPropertyOptional({ enum: TARGET_SORTS, enumName: 'TargetSort', example: 'name' })
  @IsOptional()
  @IsIn(TARGET_SORTS)
  sort?: TargetSort;
}

export const toTargetResponse = (t: Target): TargetResponse => {
  const emails = (t.emails ?? []).map(toTargetEmailResponse);
  return {
    id: t.id,
    kind: t.kind,
    name: t.name,
    title: t.title,
    body: t.body,
    salutation: t.salutation,
    country: t.country,
    regionCodes: t.regionCodes,
    language: t.language as Language,
    timeZone: t.timeZone,
    focusAreas: t.focusAreas,
    tags: t.tags,
    externalId: t.externalId,
    notes: t.notes,
    active: t.active,
    routable: t.active && emails.some((e) => e.state === 'active'),
    emails,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
};
