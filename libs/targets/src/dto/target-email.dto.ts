import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { TargetEmail, TargetEmailState } from '../entities/target-email.entity.js';
import { TARGET_EMAIL_STATES } from '../entities/target-email.entity.js';
import { IfPresent, IsEmailAddress } from './target-fields.js';

/** Staff turn an address on or off; bounced and suspended come from inbound mail and are only ever undone. */
export const STAFF_EMAIL_STATES = ['active', 'disabled'] as const satisfies readonly TargetEmailState[];
export type StaffEmailState = (typeof STAFF_EMAIL_STATES)[number];

// A target has at most a handful of addresses (20 on create); positions beyond are clamped to the end.
const MAX_POSITION = 1000;

export class TargetEmailCreateDto {
  @ApiProperty({ example: 'cabinet@justice.example.gov' })
  @IsEmailAddress()
  address: string;

  @ApiPropertyOptional({ example: 0, minimum: 0, description: 'Where it goes in the order (0: first); default last' })
  @IfPresent()
  @IsInt()
  @Min(0)
  @Max(MAX_POSITION)
  position?: number;
}

export class TargetEmailUpdateDto {
  @ApiPropertyOptional({
    enum: STAFF_EMAIL_STATES,
    enumName: 'TargetEmailStaffState',
    example: 'disabled',
    description: 'active (also to undo a bounce or suspension) or disabled',
  })
  @IfPresent()
  @IsIn(STAFF_EMAIL_STATES)
  state?: StaffEmailState;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'The minister asked us to write to the cabinet instead',
    description: 'Why',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string | null;

  @ApiPropertyOptional({ example: 0, minimum: 0, description: 'Move to this place in the order (0: first)' })
  @IfPresent()
  @IsInt()
  @Min(0)
  @Max(MAX_POSITION)
  position?: number;
}

export class TargetEmailResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Cabinet@Justice.example.gov' }) address: string;
  @ApiProperty({ example: 'cabinet@justice.example.gov' }) addressNormalized: string;
  @ApiProperty({ enum: TARGET_EMAIL_STATES, enumName: 'TargetEmailState', example: 'active' })
  state: TargetEmailState;
  @ApiProperty({ type: String, nullable: true, example: 'hard bounce 5.1.1' }) stateReason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) stateChangedAt: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Suspended: letters go here again from this time',
  })
  suspendedUntil: string | null;
  @ApiProperty({ example: 0, description: '0 first; letters go to the first active address' }) position: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export const toTargetEmailResponse = (e: TargetEmail): TargetEmailResponse => ({
  id: e.id,
  address: e.address,
  addressNormalized: e.addressNormalized,
  state: e.state,
  stateReason: e.stateReason,
  stateChangedAt: e.stateChangedAt ? e.stateChangedAt.toISOString() : null,
  suspendedUntil: e.state === 'suspended' && e.suspendedUntil ? e.suspendedUntil.toISOString() : null,
  position: e.position,
  createdAt: e.createdAt.toISOString(),
});
