import { ApiProperty } from '@nestjs/swagger';
import { IsEnum, IsString, MaxLength, MinLength } from 'class-validator';
import { Role } from '#rally/access';
import type { ApiToken } from '#rally/access';

export class ApiTokenCreateDto {
  @ApiProperty({ example: 'CRM sync' }) @IsString() @MinLength(1) @MaxLength(100) name: string;
  @ApiProperty({ enum: Role, enumName: 'Role', example: Role.Campaigner }) @IsEnum(Role) role: Role;
}

export class ApiTokenResponse {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: Role, enumName: 'Role' }) role: Role;
  @ApiProperty({ description: 'First characters of the secret' }) prefix: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) lastUsedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) revokedAt: Date | null;
}

export class ApiTokenCreatedResponse extends ApiTokenResponse {
  @ApiProperty({ description: 'The secret, shown this once: send it as `Authorization: Bearer <token>`' })
  token: string;
}

export const toApiTokenResponse = (t: ApiToken): ApiTokenResponse => ({
  id: t.id,
  name: t.name,
  role: t.role,
  prefix: t.prefix,
  createdAt: t.createdAt,
  lastUsedAt: t.lastUsedAt,
  revokedAt: t.revokedAt,
});
