import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { PageQueryDto } from '#rally/core';
import type { FollowUpStatus } from '../entities/follow-up.entity.js';
import { FOLLOW_UP_STATUSES } from '../entities/follow-up.entity.js';
import { IfPresent, IsDay, NotBlank, toBoolean } from './follow-up-fields.js';

// Sizes: a title is one line of a plan; 50 links of each kind is more than one follow-up carries.
const TITLE = 300;
const NOTE = 10_000;
const LINKS = 50;

const Field = {
  title: () => applyDecorators(IsString(), MaxLength(TITLE), NotBlank()),
  note: () => applyDecorators(IsString(), MaxLength(NOTE)),
  ids: () => applyDecorators(IsArray(), ArrayMaxSize(LINKS), ArrayUnique(), IsUUID('all', { each: true })),
  codes: () =>
    applyDecorators(
      IsArray(),
      ArrayMaxSize(LINKS),
      ArrayUnique(),
      IsString({ each: true }),
      MaxLength(40, { each: true }),
    ),
  nullableId: () =>
    applyDecorators(
      ValidateIf((_, v: unknown) => v !== null && v !== undefined),
      IsUUID(),
    ),
};

export class FollowUpCreateDto {
  @ApiProperty({ example: "Call the Justice minister's cabinet about the detention review" })
  @Field.title()
  title: string;

  @ApiProperty({ format: 'date', example: '2027-03-10', description: "The due day, in the organisation's calendar" })
  @IsDay()
  dueOn: string;

  @ApiProperty({ format: 'uuid', description: 'A current member of the organisation, who is reminded' })
  @IsUUID()
  ownerId: string;

  @ApiPropertyOptional({ example: 'Ask for the timetable they promised on 3 June.' })
  @IfPresent()
  @Field.note()
  note?: string;

  @ApiPropertyOptional({ enum: FOLLOW_UP_STATUSES, enumName: 'FollowUpStatus', example: 'open' })
  @IfPresent()
  @IsIn(FOLLOW_UP_STATUSES)
  status?: FollowUpStatus;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @Field.nullableId()
  campaignId?: string | null;

  @ApiPropertyOptional({
    type: [String],
    example: ['MIG-1'],
    description: "Recommendation codes (the Study's or your own)",
  })
  @IfPresent()
  @Field.codes()
  recommendationCodes?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Targets of the organisation' })
  @IfPresent()
  @Field.ids()
  targetIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Responses of the log it follows up' })
  @IfPresent()
  @Field.ids()
  responseIds?: string[];
}

/** Only the fields sent change; a list sent replaces that list. */
export class FollowUpUpdateDto {
  @ApiPropertyOptional({ example: "Call the Justice minister's cabinet" })
  @IfPresent()
  @Field.title()
  title?: string;

  @ApiPropertyOptional({ format: 'date', example: '2027-03-17' })
  @IfPresent()
  @IsDay()
  dueOn?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IfPresent()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ example: '' })
  @IfPresent()
  @Field.note()
  note?: string;

  @ApiPropertyOptional({ enum: FOLLOW_UP_STATUSES, enumName: 'FollowUpStatus' })
  @IfPresent()
  @IsIn(FOLLOW_UP_STATUSES)
  status?: FollowUpStatus;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @Field.nullableId()
  campaignId?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['MIG-1'] })
  @IfPresent()
  @Field.codes()
  recommendationCodes?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IfPresent()
  @Field.ids()
  targetIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IfPresent()
  @Field.ids()
  responseIds?: string[];
}

export class FollowUpStatusDto {
  @ApiProperty({ enum: FOLLOW_UP_STATUSES, enumName: 'FollowUpStatus', example: 'done' })
  @IsIn(FOLLOW_UP_STATUSES)
  status: FollowUpStatus;
}

export class FollowUpListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: Boolean, example: true, description: "true: the signed-in member's own" })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  mine?: boolean;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ enum: FOLLOW_UP_STATUSES, enumName: 'FollowUpStatus' })
  @IsOptional()
  @IsIn(FOLLOW_UP_STATUSES)
  status?: FollowUpStatus;

  @ApiPropertyOptional({ type: Boolean, example: true, description: 'true: open and past their due day' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ format: 'date', example: '2027-03-01', description: 'Due on this day or later' })
  @IsOptional()
  @IsDay()
  dueFrom?: string;

  @ApiPropertyOptional({ format: 'date', example: '2027-03-31', description: 'Due on this day or earlier' })
  @IsOptional()
  @IsDay()
  dueTo?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  targetId?: string;

  @ApiPropertyOptional({ example: 'MIG-1' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  recommendationCode?: string;
}

export class FollowUpRecommendationLink {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'MIG-1' }) code: string;
  @ApiProperty({ example: 'End immigration detention of children' }) title: string;
}

export class FollowUpTargetLink {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Ministry of Justice' }) name: string;
}

export class FollowUpResponseLink {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date', example: '2027-02-03' }) occurredOn: string;
  @ApiProperty({ example: 'Ministry of Justice' }) targetName: string;
  @ApiProperty({ type: String, nullable: true, example: 'partially-committed' }) stance: string | null;
}

export class FollowUpResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: "Call the Justice minister's cabinet" }) title: string;
  @ApiProperty({ example: '' }) note: string;
  @ApiProperty({ format: 'date', example: '2027-03-10' }) dueOn: string;
  @ApiProperty({ enum: FOLLOW_UP_STATUSES, enumName: 'FollowUpStatus' }) status: FollowUpStatus;
  @ApiProperty({ description: "Open and past its due day in the organisation's calendar" }) overdue: boolean;
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty({ example: 'Amina Diallo' }) ownerName: string;
  @ApiProperty({ description: 'false once the owner left the organisation (no reminders then)' })
  ownerIsMember: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) campaignId: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'No child in detention' }) campaignName: string | null;
  @ApiProperty({ type: [FollowUpRecommendationLink] }) recommendations: FollowUpRecommendationLink[];
  @ApiProperty({ type: [FollowUpTargetLink] }) targets: FollowUpTargetLink[];
  @ApiProperty({ type: [FollowUpResponseLink] }) responses: FollowUpResponseLink[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
