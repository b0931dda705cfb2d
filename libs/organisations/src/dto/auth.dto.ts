import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { Role } from '#rally/access';

export class LoginDto {
  @ApiProperty({ example: 'amina@example.org' }) @IsEmail() @MaxLength(254) email: string;
  @ApiProperty({ example: 'violet tractor sings at dawn' }) @IsString() @MinLength(1) @MaxLength(256) password: string;
}

export class PasswordChangeDto {
  @ApiProperty({ example: 'violet tractor sings at dawn' }) @IsString() @MaxLength(256) currentPassword: string;
  @ApiProperty({ example: 'orange kettle hums at noon' }) @IsString() @MaxLength(1024) newPassword: string;
}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'amina@example.org' }) @IsEmail() @MaxLength(254) email: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({ example: 'rr_...' }) @IsString() @MaxLength(200) token: string;
  @ApiProperty({ example: 'orange kettle hums at noon' }) @IsString() @MaxLength(1024) newPassword: string;
}

export class MembershipSummary {
  @ApiProperty() organisationId: string;
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: Role, enumName: 'Role' }) role: Role;
}

export class SessionResponse {
  @ApiProperty() userId: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Send as x-csrf-token on POST/PUT/PATCH/DELETE with this session' }) csrfToken: string;
  @ApiProperty({ type: [MembershipSummary] }) organisations: MembershipSummary[];
}

export class PasswordResetRequestedResponse {
  @ApiProperty({ enum: ['sent_if_account_exists'] }) status: 'sent_if_account_exists';
}
