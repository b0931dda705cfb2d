import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { AuditEvent } from '#rally/access';

export class AuditQueryDto {
  @ApiPropertyOptional({ example: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional({
    example: '2026-01-01T00:00:00Z',
    description: 'Only events before this time (the `at` of the last event of the previous page)',
  })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  before?: Date;
}

export class AuditEventResponse {
  @ApiProperty() id: string;
  @ApiProperty() at: Date;
  @ApiProperty({ enum: ['user', 'token'] }) actorKind: string;
  @ApiProperty({ nullable: true, type: String }) actorUserId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorTokenId: string | null;
  @ApiProperty() action: string;
  @ApiProperty() objectType: string;
  @ApiProperty({ nullable: true, type: String }) objectId: string | null;
  @ApiProperty({ nullable: true, type: Object }) details: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: String }) ip: string | null;
}

export const toAuditEventResponse = (e: AuditEvent): AuditEventResponse => ({
  id: e.id,
  at: e.at,
  actorKind: e.actorKind,
  actorUserId: e.actorUserId,
  actorTokenId: e.actorTokenId,
  action: e.action,
  objectType: e.objectType,
  objectId: e.objectId,
  details: e.details,
  ip: e.ip,
});
