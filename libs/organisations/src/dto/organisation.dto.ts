import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  MinLength,
  Validate,
  ValidateIf,
  ValidatorConstraint,
} from 'class-validator';
import type { ValidatorConstraintInterface } from 'class-validator';
import { LANGUAGES } from '#rally/core';
import type { Organisation } from '#rally/access';

@ValidatorConstraint({ name: 'timeZone' })
export class IsTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string' || value.length > 64) return false;
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      return true;
    } catch {
      return false;
    }
  }
  defaultMessage(): string {
    return 'timeZone must be an IANA time zone such as Europe/Paris';
  }
}

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$/;

export class OrganisationUpdateDto {
  @ApiPropertyOptional({ example: 'Child Rights Now' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  name?: string;
  @ApiPropertyOptional({ example: 'FR', description: 'ISO 3166-1 alpha-2' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as FR' })
  country?: string;
  @ApiPropertyOptional({ example: 'Europe/Paris' }) @IsOptional() @Validate(IsTimeZone) timeZone?: string;
  @ApiPropertyOptional({ example: 'fr', enum: LANGUAGES, enumName: 'Language' })
  @IsOptional()
  @IsIn(LANGUAGES)
  defaultLanguage?: string;
}

export class OrganisationCreateDto {
  @ApiProperty({ example: 'Child Rights Now' }) @IsString() @MinLength(2) @MaxLength(120) name: string;
  @ApiProperty({ example: 'child-rights-now' })
  @Matches(SLUG_PATTERN, { message: 'slug must be lower-case letters, digits and dashes (max 50)' })
  slug: string;
  @ApiProperty({ example: 'FR' })
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as FR' })
  country: string;
  @ApiProperty({ example: 'Europe/Paris' }) @Validate(IsTimeZone) timeZone: string;
  @ApiProperty({ example: 'fr', enum: LANGUAGES, enumName: 'Language' }) @IsIn(LANGUAGES) defaultLanguage: string;
  @ApiPropertyOptional({ example: 'campaigns@example.org' })
  @IsOptional()
  @IsEmail()
  @Length(3, 254)
  sendingAddress?: string;
}

export class MailSettingsDto {
  @ApiProperty({
    example: 'campaigns@example.org',
    nullable: true,
    type: String,
    description: "From-address of the organisation's mail; null uses the installation default",
  })
  @ValidateIf((o: MailSettingsDto) => o.sendingAddress !== null)
  @IsEmail()
  @MaxLength(254)
  sendingAddress: string | null;
}

export class OrganisationResponse {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() slug: string;
  @ApiProperty() country: string;
  @ApiProperty() timeZone: string;
  @ApiProperty() defaultLanguage: string;
  @ApiProperty({ nullable: true, type: String }) sendingAddress: string | null;
}

export const toOrganisationResponse = (o: Organisation): OrganisationResponse => ({
  id: o.id,
  name: o.name,
  slug: o.slug,
  country: o.country,
  timeZone: o.timeZone,
  defaultLanguage: o.defaultLanguage,
  sendingAddress: o.sendingAddress,
});
