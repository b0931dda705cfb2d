import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
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
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Role } from '#rally/access';
import { LANGUAGES, PageQueryDto } from '#rally/core';
import { AUDIENCE_KINDS } from '../audience/audience.js';
import { MAILING_BODY_CHARS } from '../content/mailing-template.js';
import { MAILING_STATUSES } from '../entities/mailing.entity.js';
import { FREQUENCIES, SCHEDULE_KINDS } from '../schedule/schedule.js';

const ROLES = Object.values(Role);

export class MailingAudienceFiltersDto {
  @ApiPropertyOptional({ type: [String], example: ['FR'], description: 'ISO 3166-1 alpha-2 country codes' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(300)
  @ArrayUnique()
  @Matches(/^[A-Z]{2}$/, { each: true, message: 'each country must be an ISO 3166-1 alpha-2 code such as FR' })
  countries?: string[];

  @ApiPropertyOptional({ type: [String], example: ['IDF'], description: 'Region codes as supporters recorded them' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  regions?: string[];

  @ApiPropertyOptional({ type: [String], enum: LANGUAGES, enumName: 'Language', example: ['fr'] })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(LANGUAGES, { each: true })
  languages?: string[];

  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z', description: 'Supporters who joined after this time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  joinedAfter?: string;
}

export class MailingAudienceDto {
  @ApiProperty({ enum: AUDIENCE_KINDS, enumName: 'MailingAudienceKind', example: 'petition-signers' })
  @IsIn(AUDIENCE_KINDS)
  kind: (typeof AUDIENCE_KINDS)[number];

  @ApiPropertyOptional({ format: 'uuid', description: 'petition-signers: whose confirmed signers' })
  @ValidateIf((o: MailingAudienceDto) => o.kind === 'petition-signers')
  @IsUUID()
  petitionId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'letter-writers: the letter action' })
  @ValidateIf((o: MailingAudienceDto) => o.kind === 'letter-writers')
  @IsUUID()
  actionId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'campaign-supporters: the campaign' })
  @ValidateIf((o: MailingAudienceDto) => o.kind === 'campaign-supporters')
  @IsUUID()
  campaignId?: string;

  @ApiPropertyOptional({ type: [String], enum: ROLES, enumName: 'Role', example: ['coordinator'] })
  @ValidateIf((o: MailingAudienceDto) => o.kind === 'staff')
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles?: string[];

  @ApiPropertyOptional({ type: MailingAudienceFiltersDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => MailingAudienceFiltersDto)
  filters?: MailingAudienceFiltersDto;
}

export class MailingVariantDto {
  @ApiProperty({ enum: LANGUAGES, enumName: 'Language', example: 'en' })
  @IsIn(LANGUAGES)
  language: string;

  @ApiProperty({ example: 'Debate on Thursday: one more push, {{supporter.firstName}}' })
  @IsString()
  @MaxLength(300)
  subject: string;

  @ApiProperty({
    example: 'Dear {{supporter.firstName}},\n\n{{petition.count}} people have signed. The debate is on Thursday.',
  })
  @IsString()
  @MaxLength(MAILING_BODY_CHARS)
  body: string;
}

export class MailingCreateDto {
  @ApiProperty({ example: 'Push before the debate' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ type: MailingAudienceDto })
  @ValidateNested()
  @Type(() => MailingAudienceDto)
  audience: MailingAudienceDto;

  @ApiProperty({ type: [MailingVariantDto], description: 'One per language; the supporter gets theirs' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LANGUAGES.length)
  @ValidateNested({ each: true })
  @Type(() => MailingVariantDto)
  variants: MailingVariantDto[];

  @ApiProperty({ enum: LANGUAGES, enumName: 'Language', example: 'en', description: 'For supporters of no variant' })
  @IsIn(LANGUAGES)
  fallbackLanguage: string;
}

export class MailingUpdateDto {
  @ApiPropertyOptional({ example: 'Push before the debate' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: MailingAudienceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => MailingAudienceDto)
  audience?: MailingAudienceDto;

  @ApiPropertyOptional({ type: [MailingVariantDto] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LANGUAGES.length)
  @ValidateNested({ each: true })
  @Type(() => MailingVariantDto)
  variants?: MailingVariantDto[];

  @ApiPropertyOptional({ enum: LANGUAGES, enumName: 'Language', example: 'en' })
  @IsOptional()
  @IsIn(LANGUAGES)
  fallbackLanguage?: string;
}

export class MailingScheduleDto {
  @ApiProperty({ enum: SCHEDULE_KINDS, enumName: 'MailingScheduleKind', example: 'recurring' })
  @IsIn(SCHEDULE_KINDS)
  kind: (typeof SCHEDULE_KINDS)[number];

  @ApiPropertyOptional({ example: '2026-06-01T07:00:00Z', description: 'once: when; now or earlier sends at once' })
  @ValidateIf((o: MailingScheduleDto) => o.kind === 'once')
  @IsISO8601({ strict: true })
  at?: string;

  @ApiPropertyOptional({ enum: FREQUENCIES, enumName: 'MailingFrequency', example: 'weekly' })
  @ValidateIf((o: MailingScheduleDto) => o.kind === 'recurring')
  @IsIn(FREQUENCIES)
  frequency?: (typeof FREQUENCIES)[number];

  @ApiPropertyOptional({ example: '09:00', description: "recurring, after-signing: HH:MM in the organisation's zone" })
  @ValidateIf((o: MailingScheduleDto) => o.kind === 'recurring' || o.kind === 'after-signing')
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'time must be HH:MM, 00:00 to 23:59' })
  time?: string;

  @ApiPropertyOptional({ example: 1, description: 'weekly: ISO weekday, 1 = Monday' })
  @ValidateIf((o: MailingScheduleDto) => o.kind === 'recurring' && o.frequency === 'weekly')
  @IsInt()
  @Min(1)
  @Max(7)
  weekday?: number;

  @ApiPropertyOptional({ example: 1, description: 'monthly: day of the month; a shorter month uses its last day' })
  @ValidateIf((o: MailingScheduleDto) => o.kind === 'recurring' && o.frequency === 'monthly')
  @IsInt()
  @Min(1)
  @Max(31)
  dayOfMonth?: number;

  @ApiPropertyOptional({ example: '2026-12-31T23:00:00Z', description: 'recurring: no occurrence after this' })
  @IsOptional()
  @IsISO8601({ strict: true })
  until?: string;

  @ApiPropertyOptional({ example: 3, description: 'after-signing, before-close: how many days' })
  @ValidateIf((o: MailingScheduleDto) => o.kind === 'after-signing' || o.kind === 'before-close')
  @IsInt()
  @Min(0)
  @Max(365)
  days?: number;
}

export class MailingPreviewDto {
  @ApiPropertyOptional({ enum: LANGUAGES, enumName: 'Language', example: 'fr', description: 'Default: fallback' })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: string;

  @ApiPropertyOptional({ type: [MailingVariantDto], description: 'Unsaved words to preview instead of the saved' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LANGUAGES.length)
  @ValidateNested({ each: true })
  @Type(() => MailingVariantDto)
  variants?: MailingVariantDto[];
}

export class MailingListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MAILING_STATUSES, enumName: 'MailingStatus' })
  @IsOptional()
  @IsIn(MAILING_STATUSES)
  status?: string;
}

export class SuppressionDto {
  @ApiProperty({ example: 'someone@example.org' })
  @IsString()
  @MaxLength(254)
  @Matches(/^[^\s@]+@[^\s@]+$/, { message: 'email must be an email address' })
  email: string;
}
