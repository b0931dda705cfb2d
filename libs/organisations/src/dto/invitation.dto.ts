import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsEnum, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '#rally/core';
import { Role } from '#rally/access';
import type { Invitation, InvitationState } from '../entities/invitation.entity.js';
import { INVITATION_STATES, invitationState } from '../entities/invitation.entity.js';

export class InvitationCreateDto {
  @ApiProperty({ example: 'new.colleague@example.org' }) @IsEmail() @MaxLength(254) email: string;
  @ApiProperty({ enum: Role, enumName: 'Role', example: Role.Campaigner }) @IsEnum(Role) role: Role;
}

export class InvitationTokenDto {
  @ApiProperty({ example: 'ri_...' }) @IsString() @MaxLength(200) token: string;
}

export class InvitationAcceptDto extends InvitationTokenDto {
  @ApiPropertyOptional({
    example: 'Amina Diallo',
    description: 'Needed when the invited email has no Rally account yet',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name?: string;

  @ApiPropertyOptional({
    example: 'violet tractor sings at dawn',
    description: "New password, or the existing account's password (not needed when signed in as that account)",
  })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  password?: string;
}

export class InvitationListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: INVITATION_STATES, enumName: 'InvitationState', example: 'pending' })
  @IsOptional()
  @IsIn(INVITATION_STATES)
  state?: InvitationState;
}

export class InvitationResponse {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: Role, enumName: 'Role' }) role: Role;
  @ApiProperty({ enum: INVITATION_STATES, enumName: 'InvitationState' }) state: InvitationState;
  @ApiProperty() createdAt: Date;
  @ApiProperty() expiresAt: Date;
}

export class InvitationAcceptedResponse {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ example: 'demo', description: 'Where the new member works now' }) organisationSlug: string;
  @ApiProperty({ description: 'Send as x-csrf-token on POST/PUT/PATCH/DELETE with the new session' }) csrfToken: string;
}

export class InvitationPreviewResponse {
  @ApiProperty() organisationName: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: Role, enumName: 'Role' }) role: Role;
  @ApiProperty({ enum: INVITATION_STATES, enumName: 'InvitationState' }) state: InvitationState;
  @ApiProperty({ description: 'Whether the invited email already has an account (then join with its password)' })
  accountExists: boolean;
}

export const toInvitationResponse = (i: Invitation): InvitationResponse => ({
  id: i.id,
  email: i.email,
  role: i.role,
  state: invitationState(i),
  createdAt: i.createdAt,
  expiresAt: i.expiresAt,
});
