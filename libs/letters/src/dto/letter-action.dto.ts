import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { Language } from '#rally/core';
import { LANGUAGES, PageQueryDto } from '#rally/core';
import { STUDY_FOCUS_AREAS, TARGET_KINDS } from '#rally/targets';
import type { LetterAction, LetterActionStatus, RoutingMode } from '../entities/letter-action.entity.js';
import { LETTER_ACTION_STATUSES, ROUTING_MODES } from '../entities/letter-action.entity.js';
import type { LetterTemplate } from '../entities/letter-template.entity.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A supporter picks from, or a sample is drawn from, at most this many targets; a letter goes to at most 50. */
export const MAX_LISTED_TARGETS = 200;
export const MAX_TARGETS_PER_LETTER = 50;

export class LetterRoutingDto {
  @ApiProperty({ enum: ROUTING_MODES, enumName: 'RoutingMode', example: 'region' })
  @IsIn(ROUTING_MODES)
  mode: RoutingMode;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'The list for pick and sample', example: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LISTED_TARGETS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  targetIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    enum: TARGET_KINDS,
    enumName: 'TargetKind',
    isArray: true,
    description: 'Region and country routing: only these kinds (empty: any)',
    example: ['parliamentarian'],
  })
  @IsOptional()
  @IsArray()
  @IsIn(TARGET_KINDS, { each: true })
  kinds?: string[];

  @ApiPropertyOptional({ enum: STUDY_FOCUS_AREAS, enumName: 'StudyFocusArea', nullable: true, example: 'migration' })
  @IsOptional()
  @ValidateIf((o: LetterRoutingDto) => o.focusArea !== null)
  @IsIn(STUDY_FOCUS_AREAS)
  focusArea?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'GS-MIG-1', description: 'A recommendation code' })
  @IsOptional()
  @ValidateIf((o: LetterRoutingDto) => o.recommendationCode !== null)
  @IsString()
  @MaxLength(40)
  recommendationCode?: string | null;

  @ApiPropertyOptional({ example: 1, description: 'pick: fewest targets the supporter must choose' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_TARGETS_PER_LETTER)
  min?: number;

  @ApiPropertyOptional({ example: 3, description: 'pick: most targets the supporter may choose' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_TARGETS_PER_LETTER)
  max?: number;

  @ApiPropertyOptional({ example: 2, description: 'sample: how many are drawn at random from the list' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_TARGETS_PER_LETTER)
  sampleSize?: number;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'Used when nothing matches' })
  @IsOptional()
  @ValidateIf((o: LetterRoutingDto) => o.fallbackTargetId !== null)
  @IsUUID()
  fallbackTargetId?: string | null;

  @ApiPropertyOptional({ example: 5, description: 'At most this many letters per supporter' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_TARGETS_PER_LETTER)
  maxTargets?: number;
}

export class SendingWindowDto {
  @ApiProperty({ example: 8, description: "First hour, in the target's time zone" })
  @IsInt()
  @Min(0)
  @Max(23)
  startHour: number;

  @ApiProperty({ example: 18, description: 'Hour the window closes (exclusive)' })
  @IsInt()
  @Min(1)
  @Max(24)
  endHour: number;

  @ApiProperty({ example: [1, 2, 3, 4, 5], type: [Number], description: 'ISO weekdays, 1 = Monday' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekdays: number[];
}

export class LetterTemplateDto {
  @ApiProperty({
    type: [String],
    example: ['Children do not belong in detention', 'Please end child immigration detention'],
    description: 'One is drawn at random for each letter',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  subjects: string[];

  @ApiProperty({
    example:
      '{{target.salutation}},\n\n{{#editable}}I am writing about children held in immigration detention.{{/editable}}\n\n{{supporter.paragraph}}\n\nYours sincerely,\n{{supporter.fullName}}',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(20_000)
  body: string;
}

export class LetterActionCreateDto {
  @ApiProperty({ format: 'uuid', description: 'Campaign of the same organisation' })
  @IsUUID()
  campaignId: string;

  @ApiProperty({ example: 'write-to-the-minister', description: 'Public address /l/<slug>' })
  @IsString()
  @Matches(SLUG, { message: 'slug must be lower-case letters, digits and single dashes' })
  @MinLength(3)
  @MaxLength(80)
  slug: string;

  @ApiProperty({ example: 'Write to the Minister of Justice' })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ example: 'Children are still detained for immigration reasons. Ask the minister to act.' })
  @IsOptional()
  @IsString()
  @MaxLength(5_000)
  intro?: string;

  @ApiProperty({ example: 'en', enum: LANGUAGES, enumName: 'Language' })
  @IsIn(LANGUAGES)
  language: Language;

  @ApiPropertyOptional({ example: false, description: 'May supporters rewrite the {{#editable}} part?' })
  @IsOptional()
  @IsBoolean()
  editable?: boolean;

  @ApiProperty({ type: LetterRoutingDto })
  @ValidateNested()
  @Type(() => LetterRoutingDto)
  routing: LetterRoutingDto;

  @ApiPropertyOptional({ type: [String], example: ['GS-MIG-1'], description: 'Recommendations the letter cites' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  recommendationCodes?: string[];

  @ApiPropertyOptional({ type: SendingWindowDto, nullable: true, description: 'null: any time' })
  @IsOptional()
  @ValidateIf((o: LetterActionCreateDto) => o.sendingWindow !== null)
  @ValidateNested()
  @Type(() => SendingWindowDto)
  sendingWindow?: SendingWindowDto | null;

  @ApiPropertyOptional({ example: 20, nullable: true, type: Number, description: 'Letters per hour per address' })
  @IsOptional()
  @ValidateIf((o: LetterActionCreateDto) => o.hourlyCap !== null)
  @IsInt()
  @Min(1)
  @Max(100_000)
  hourlyCap?: number | null;

  @ApiPropertyOptional({ example: 150, nullable: true, type: Number, description: 'Letters per day per address' })
  @IsOptional()
  @ValidateIf((o: LetterActionCreateDto) => o.dailyCap !== null)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  dailyCap?: number | null;

  @ApiPropertyOptional({ type: LetterTemplateDto, description: "The letter in the action's language" })
  @IsOptional()
  @ValidateNested()
  @Type(() => LetterTemplateDto)
  template?: LetterTemplateDto;
}

export class LetterActionUpdateDto extends PartialType(
  OmitType(LetterActionCreateDto, ['campaignId', 'slug', 'template'] as const),
) {}

export class LetterTestModeDto {
  @ApiProperty({ example: true })
  @IsBoolean()
  enabled: boolean;

  @ApiPropertyOptional({
    example: 'me@example.org',
    description: "Where test letters go; default: the signed-in member's own address",
  })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  recipient?: string;
}

export class LetterPreviewSupporterDto {
  @ApiPropertyOptional({ example: 'Amina' }) @IsOptional() @IsString() @MaxLength(100) firstName?: string;
  @ApiPropertyOptional({ example: 'Kone' }) @IsOptional() @IsString() @MaxLength(100) lastName?: string;
  @ApiPropertyOptional({ example: '69003' }) @IsOptional() @IsString() @MaxLength(20) postcode?: string;
  @ApiPropertyOptional({ example: 'FR-69' }) @IsOptional() @IsString() @MaxLength(80) region?: string;
  @ApiPropertyOptional({ example: 'FR' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as FR' })
  country?: string;
  @ApiPropertyOptional({ example: 'My nephew was detained for three weeks.' })
  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  paragraph?: string;
}

export class LetterPreviewDto {
  @ApiPropertyOptional({ enum: LANGUAGES, enumName: 'Language', description: "Default: the action's language" })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;

  @ApiPropertyOptional({ format: 'uuid', description: 'Render for this target; default: sample data' })
  @IsOptional()
  @IsUUID()
  targetId?: string;

  @ApiPropertyOptional({ type: LetterTemplateDto, description: 'Unsaved text from the editor; default: the saved one' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LetterTemplateDto)
  template?: LetterTemplateDto;

  @ApiPropertyOptional({ type: LetterPreviewSupporterDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LetterPreviewSupporterDto)
  supporter?: LetterPreviewSupporterDto;

  @ApiPropertyOptional({ example: 0, description: 'Which subject line to show' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(9)
  subjectIndex?: number;
}

export class TemplateProblemResponse {
  @ApiProperty({ example: 'body' }) field: string;
  @ApiProperty({ example: 3 }) line: number;
  @ApiProperty({ example: 12 }) column: number;
  @ApiProperty({ example: 'Unknown field supporter.fristName: did you mean supporter.firstName?' }) message: string;
}

export class LetterPreviewResponse {
  @ApiProperty({ type: [TemplateProblemResponse], description: 'Empty when the template is valid' })
  problems: TemplateProblemResponse[];
  @ApiProperty({ nullable: true, type: String, example: 'Children do not belong in detention' })
  subject: string | null;
  @ApiProperty({ nullable: true, type: String }) text: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The HTML part as sent' }) html: string | null;
  @ApiProperty({ example: 'en' }) language: string;
  @ApiProperty({ example: 'Ministry of Justice', description: 'Who the preview is addressed to; empty: sample data' })
  targetName: string;
  @ApiProperty({ example: 2 }) subjectCount: number;
}

export class MergeFieldResponse {
  @ApiProperty({ example: 'supporter.firstName' }) path: string;
  @ApiProperty({ example: "The supporter's first name" }) description: string;
  @ApiProperty({ example: 'Amina' }) sample: string;
  @ApiProperty({ example: true, description: 'May appear in subject lines' }) inSubject: boolean;
}

export class LetterTemplateResponse {
  @ApiProperty({ example: 'en' }) language: string;
  @ApiProperty({ type: [String] }) subjects: string[];
  @ApiProperty() body: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class LetterRoutingResponse {
  @ApiProperty({ enum: ROUTING_MODES, enumName: 'RoutingMode' }) mode: RoutingMode;
  @ApiProperty({ type: [String] }) targetIds: string[];
  @ApiProperty({ type: [String], enum: TARGET_KINDS, enumName: 'TargetKind', isArray: true }) kinds: string[];
  @ApiProperty({ nullable: true, type: String, enum: STUDY_FOCUS_AREAS, enumName: 'StudyFocusArea' })
  focusArea: string | null;
  @ApiProperty({ nullable: true, type: String }) recommendationCode: string | null;
  @ApiProperty() min: number;
  @ApiProperty() max: number;
  @ApiProperty() sampleSize: number;
  @ApiProperty({ nullable: true, type: String }) fallbackTargetId: string | null;
  @ApiProperty() maxTargets: number;
}

export class SendingWindowResponse {
  @ApiProperty() startHour: number;
  @ApiProperty() endHour: number;
  @ApiProperty({ type: [Number] }) weekdays: number[];
}

export class LetterActionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty({ example: 'write-to-the-minister' }) slug: string;
  @ApiProperty() title: string;
  @ApiProperty() intro: string;
  @ApiProperty({ enum: LANGUAGES, enumName: 'Language' }) language: Language;
  @ApiProperty({ enum: LETTER_ACTION_STATUSES, enumName: 'LetterActionStatus' }) status: LetterActionStatus;
  @ApiProperty() editable: boolean;
  @ApiProperty({ type: LetterRoutingResponse }) routing: LetterRoutingResponse;
  @ApiProperty({ type: [String] }) recommendationCodes: string[];
  @ApiProperty() testMode: boolean;
  @ApiProperty({ nullable: true, type: String }) testRecipient: string | null;
  @ApiProperty({ type: SendingWindowResponse, nullable: true }) sendingWindow: SendingWindowResponse | null;
  @ApiProperty({ nullable: true, type: Number }) hourlyCap: number | null;
  @ApiProperty({ nullable: true, type: Number }) dailyCap: number | null;
  @ApiProperty({ type: [LetterTemplateResponse] }) templates: LetterTemplateResponse[];
  @ApiProperty({ example: 'http://localhost:3000/l/write-to-the-minister' }) publicUrl: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) openedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) closedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export const LETTER_ACTION_SORTS = ['newest', 'oldest', 'title'] as const;
export type LetterActionSort = (typeof LETTER_ACTION_SORTS)[number];

export class LetterActionListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'minister', description: 'Part of the title or slug' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @ApiPropertyOptional({ enum: LETTER_ACTION_STATUSES, enumName: 'LetterActionStatus' })
  @IsOptional()
  @IsIn(LETTER_ACTION_STATUSES)
  status?: LetterActionStatus;

  @ApiPropertyOptional({ enum: LETTER_ACTION_SORTS, enumName: 'LetterActionSort', example: 'newest' })
  @IsOptional()
  @IsIn(LETTER_ACTION_SORTS)
  sort?: LetterActionSort;
}

export const toTemplateResponse = (t: LetterTemplate): LetterTemplateResponse => ({
  language: t.language,
  subjects: t.subjects,
  body: t.body,
  updatedAt: t.updatedAt.toISOString(),
});

export function toLetterActionResponse(
  a: LetterAction,
  templates: LetterTemplate[],
  publicUrl: string,
): LetterActionResponse {
  return {
    id: a.id,
    campaignId: a.campaignId,
    slug: a.slug,
    title: a.title,
    intro: a.intro,
    language: a.language,
    status: a.status,
    editable: a.editable,
    routing: a.routing,
    recommendationCodes: a.recommendationCodes,
    testMode: a.testMode,
    testRecipient: a.testRecipient,
    sendingWindow: a.sendingWindow,
    hourlyCap: a.hourlyCap,
    dailyCap: a.dailyCap,
    templates: templates.map(toTemplateResponse),
    publicUrl: `${publicUrl}/l/${a.slug}`,
    openedAt: a.openedAt?.toISOString() ?? null,
    closedAt: a.closedAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}
