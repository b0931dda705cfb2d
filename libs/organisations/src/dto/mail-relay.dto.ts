import { isIP } from 'node:net';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsDefined,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  Validate,
  ValidateIf,
  ValidatorConstraint,
} from 'class-validator';
import type { ValidatorConstraintInterface } from 'class-validator';
import { IfPresent } from '#rally/core';
import type { OrganisationRelay } from '#rally/mail';

/** RFC 1123 host name: dot-separated labels of letters, digits and inner dashes, 63 characters each, 253 in all. */
const HOST_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;
const NO_CONTROL_CHARACTERS = /^[^\x00-\x1f\x7f]*$/;

@ValidatorConstraint({ name: 'relayHost' })
export class IsRelayHost implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string' || value.length === 0 || value.length > 253) return false;
    if (isIP(value)) return true;
    // A dotted-decimal look-alike that isIP refused (999.1.1.1) is a typo, not a host name.
    if (/^[\d.]+$/.test(value)) return false;
    return value
      .replace(/\.$/, '')
      .split('.')
      .every((label) => HOST_LABEL.test(label));
  }
  defaultMessage(): string {
    return 'host must be a host name such as smtp.example.org or an IP address';
  }
}

class RelayServerFields {
  @ApiPropertyOptional({
    example: false,
    description: 'Implicit TLS (smtps, usually port 465); false: STARTTLS when offered',
  })
  @IfPresent()
  @IsBoolean()
  secure?: boolean;

  @ApiPropertyOptional({
    example: 'campaigns@example.org',
    nullable: true,
    type: String,
    description: 'SMTP user name; null or omitted: the relay takes no sign-in',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(254)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'username must not contain control characters' })
  username?: string | null;

  @ApiPropertyOptional({
    example: 'app-password-from-the-provider',
    description:
      'Stored encrypted, never returned. Omitted: the saved password is kept, as long as host and username stay the same',
  })
  @IfPresent()
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'password must not contain control characters' })
  password?: string;
}

/** PUT body: the whole relay (create or replace); fields left out take their defaults. */
export class MailRelayDto extends RelayServerFields {
  @ApiProperty({ example: 'smtp.example.org', description: 'Host name or IP address' })
  @Validate(IsRelayHost)
  host: string;

  @ApiProperty({ example: 587, minimum: 1, maximum: 65535 })
  @IsInt()
  @Min(1)
  @Max(65535)
  port: number;

  @ApiPropertyOptional({ example: true, description: 'False keeps the settings but sends through the installation' })
  @IfPresent()
  @IsBoolean()
  enabled?: boolean;
}

const givesSettings = (o: object): boolean => Object.values(o).some((v) => v !== undefined);

/** POST .../test body: empty to test the saved relay, or settings (host and port at least) to test before saving. */
export class MailRelayTestDto extends RelayServerFields {
  @ApiPropertyOptional({ example: 'smtp.example.org', description: 'Required when any setting is given' })
  @ValidateIf(givesSettings)
  @IsDefined({ message: 'host is required to test settings that are not saved' })
  @Validate(IsRelayHost)
  host?: string;

  @ApiPropertyOptional({ example: 587, minimum: 1, maximum: 65535, description: 'Required when any setting is given' })
  @ValidateIf(givesSettings)
  @IsDefined({ message: 'port is required to test settings that are not saved' })
  @IsInt()
  @Min(1)
  @Max(65535)
  port?: number;
}

export class MailRelayResponse {
  @ApiProperty({ example: 'smtp.example.org' }) host: string;
  @ApiProperty({ example: 587 }) port: number;
  @ApiProperty({ example: false }) secure: boolean;
  @ApiProperty({ example: 'campaigns@example.org', nullable: true, type: String }) username: string | null;
  @ApiProperty({ description: 'A password is stored (it is never returned)' }) hasPassword: boolean;
  @ApiProperty() enabled: boolean;
  @ApiProperty() updatedAt: Date;
}

/** Always 200: `relay` is null when none is saved, so the console reads one shape. */
export class MailRelaySettingsResponse {
  @ApiProperty({ type: MailRelayResponse, nullable: true }) relay: MailRelayResponse | null;
  @ApiProperty({
    description:
      'The installation captures all mail locally (no SMTP_URL): every message, relay or not, goes to the local mailbox',
  })
  captureMode: boolean;
  @ApiProperty({
    description: "The organisation's mail leaves through this relay now: saved, enabled, no capture mode",
  })
  inUse: boolean;
}

export class MailRelayTestResponse {
  @ApiProperty() ok: boolean;
  @ApiProperty({
    example: 'Invalid login: 535 5.7.8 Authentication credentials invalid',
    description: "What happened; on failure the server's or the network's own words",
  })
  message: string;
}

export const toMailRelayResponse = (r: OrganisationRelay): MailRelayResponse => ({
  host: r.host,
  port: r.port,
  secure: r.secure,
  username: r.username,
  hasPassword: r.passwordSealed !== null,
  enabled: r.enabled,
  updatedAt: r.updatedAt,
});
