import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import type { AuditEntryView } from '#rally/access';
import { PageQueryDto } from '#rally/core';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'petition.', description: 'An action (`petition.open`), or its start (`petition.`)' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9.-]{1,80}$/, { message: 'action must be lower-case letters, digits, dots and dashes' })
  action?: string;

  @ApiPropertyOptional({ example: 'petition' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  objectType?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only what this staff member did' })
  @IsOptional()
  @IsUUID()
  actorUserId?: string;

  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z', description: 'Only events at or after this time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  since?: string;

  @ApiPropertyOptional({ example: '2026-02-01T00:00:00Z', description: 'Only events before this time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  until?: string;
}

export class AuditEventResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: ['user', 'token'], enumName: 'ActorKind' }) actorKind: 'user' | 'token';
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) actorUserId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) actorTokenId: string | null;
  @ApiProperty({ example: 'Amina Diallo', description: 'Who: the member, or the API token by its name' })
  actorName: string;
  @ApiProperty({ example: 'petition.open' }) action: string;
  @ApiProperty({ example: 'petition' }) objectType: string;
  @ApiProperty({ nullable: true, type: String }) objectId: string | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) details: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: String }) ip: string | null;
}

export const toAuditEventResponse = (e: AuditEntryView): AuditEventResponse => ({
  id: e.id,
  at: e.at.toISOString(),
  actorKind: e.actorKind,
  actorUserId: e.actorUserId,
  actorTokenId: e.actorTokenId,
  actorName: e.actorName,
  action: e.action,
  objectType: e.objectType,
  objectId: e.objectId,
  details: e.details,
  ip: e.ip,
});
