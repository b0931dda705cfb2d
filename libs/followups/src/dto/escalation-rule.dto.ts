import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { PageQueryDto } from '#rally/core';
import type { EscalationAction } from '../entities/escalation-rule.entity.js';
import { ESCALATION_ACTIONS } from '../entities/escalation-rule.entity.js';
import type { EscalationOutcome } from '../entities/escalation-run.entity.js';
import { ESCALATION_OUTCOMES } from '../entities/escalation-run.entity.js';
import { IfPresent, NotBlank } from './follow-up-fields.js';

// A year is longer than any campaign waits for an answer; 200 targets is a parliament's committee members and more.
const Field = {
  name: () => applyDecorators(IsString(), MaxLength(200), NotBlank()),
  days: () => applyDecorators(IsInt(), Min(1), Max(365)),
  targetIds: () =>
    applyDecorators(
      ValidateIf((_, v: unknown) => v !== null && v !== undefined),
      IsArray(),
      ArrayMaxSize(200),
      ArrayUnique(),
      IsUUID('all', { each: true }),
    ),
  nullableId: () =>
    applyDecorators(
      ValidateIf((_, v: unknown) => v !== null && v !== undefined),
      IsUUID(),
    ),
  title: () =>
    applyDecorators(
      ValidateIf((_, v: unknown) => v !== null && v !== undefined),
      IsString(),
      MaxLength(250),
      NotBlank(),
    ),
  dueDays: () => applyDecorators(IsInt(), Min(0), Max(365)),
};

export class EscalationRuleCreateDto {
  @ApiProperty({ format: 'uuid', description: 'The campaign whose letters start the clock' })
  @IsUUID()
  campaignId: string;

  @ApiProperty({ example: 'No answer from the ministries in 30 days' })
  @Field.name()
  name: string;

  @ApiProperty({ example: 30, minimum: 1, maximum: 365, description: "Days after the target's first delivered letter" })
  @Field.days()
  days: number;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    nullable: true,
    description: "Targets it watches; null or absent: every target the campaign's letters reached",
  })
  @Field.targetIds()
  targetIds?: string[] | null;

  @ApiProperty({ enum: ESCALATION_ACTIONS, enumName: 'EscalationAction', example: 'follow-up' })
  @IsIn(ESCALATION_ACTIONS)
  action: EscalationAction;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'follow-up: its owner, a member' })
  @Field.nullableId()
  ownerId?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'Call the cabinet: no answer to the letters',
    description: "follow-up: its title; the target's name is added",
  })
  @Field.title()
  followUpTitle?: string | null;

  @ApiPropertyOptional({ example: 7, description: 'follow-up: days it has from the day it is created' })
  @IfPresent()
  @Field.dueDays()
  followUpDueDays?: number;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'open-action: a draft letter action of the organisation, opened as the next wave',
  })
  @Field.nullableId()
  letterActionId?: string | null;

  @ApiPropertyOptional({ example: true })
  @IfPresent()
  @IsBoolean()
  enabled?: boolean;
}

/** Only the fields sent change; the action's own fields are checked against the action after the change. */
export class EscalationRuleUpdateDto {
  @ApiPropertyOptional({ example: 'No answer in 45 days' })
  @IfPresent()
  @Field.name()
  name?: string;

  @ApiPropertyOptional({ example: 45 })
  @IfPresent()
  @Field.days()
  days?: number;

  @ApiPropertyOptional({ type: [String], format: 'uuid', nullable: true })
  @Field.targetIds()
  targetIds?: string[] | null;

  @ApiPropertyOptional({ enum: ESCALATION_ACTIONS, enumName: 'EscalationAction' })
  @IfPresent()
  @IsIn(ESCALATION_ACTIONS)
  action?: EscalationAction;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @Field.nullableId()
  ownerId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Call the cabinet' })
  @Field.title()
  followUpTitle?: string | null;

  @ApiPropertyOptional({ example: 7 })
  @IfPresent()
  @Field.dueDays()
  followUpDueDays?: number;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @Field.nullableId()
  letterActionId?: string | null;

  @ApiPropertyOptional({ example: false })
  @IfPresent()
  @IsBoolean()
  enabled?: boolean;
}

export class EscalationRuleListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  campaignId?: string;
}

export class EscalationRuleResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty({ example: 'No child in detention' }) campaignName: string;
  @ApiProperty({ example: 'No answer from the ministries in 30 days' }) name: string;
  @ApiProperty({ example: 30 }) days: number;
  @ApiProperty({ type: [String], format: 'uuid', nullable: true }) targetIds: string[] | null;
  @ApiProperty({ enum: ESCALATION_ACTIONS, enumName: 'EscalationAction' }) action: EscalationAction;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) ownerId: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Amina Diallo' }) ownerName: string | null;
  @ApiProperty({ type: String, nullable: true }) followUpTitle: string | null;
  @ApiProperty({ example: 7 }) followUpDueDays: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) letterActionId: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Write to the Ombudsperson' })
  letterActionTitle: string | null;
  @ApiProperty({ example: true }) enabled: boolean;
  @ApiProperty({ example: 2, description: 'Targets it has acted on' }) runs: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class EscalationRunResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) targetId: string;
  @ApiProperty({ type: String, nullable: true, example: 'Ministry of Justice' }) targetName: string | null;
  @ApiProperty({ format: 'date-time' }) deliveredAt: string;
  @ApiProperty({ format: 'date-time' }) ranAt: string;
  @ApiProperty({ enum: ESCALATION_OUTCOMES, enumName: 'EscalationOutcome' }) outcome: EscalationOutcome;
  @ApiProperty({ example: '' }) detail: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) followUpId: string | null;
}
