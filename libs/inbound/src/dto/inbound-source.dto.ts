import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageQueryDto } from '#rally/core';
import type { InboundSource, InboundSourceKind } from '../entities/inbound-source.entity.js';
import { INBOUND_SOURCE_KINDS } from '../entities/inbound-source.entity.js';

/** Sources `POST /inbound-sources` creates; IMAP mailboxes have their own route (they take a password, not a secret). */
export const CREATABLE_SOURCE_KINDS = ['webhook'] as const;

// A label on a settings screen: one line, no control characters.
const ONE_LINE = /^[^\p{Cc}]*$/u;
// A host name (letters, digits, dots, hyphens) or an IPv4 or IPv6 address, as staff copy it from their provider.
const HOST =
  /^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$|^\[?[0-9A-Fa-f:.]+\]?$/;
// A folder path with "/" between levels: no control characters, no empty level, no wildcard (* and % mean "any").
const FOLDER = /^(?!\/)(?!.*\/\/)(?!.*\/$)[^\p{Cc}*%]+$/u;

export class InboundSourceCreateDto {
  @ApiProperty({ enum: CREATABLE_SOURCE_KINDS, example: 'webhook', description: 'How mail reaches Rally' })
  @IsIn(CREATABLE_SOURCE_KINDS, { message: 'kind must be webhook' })
  kind: 'webhook';

  @ApiProperty({ example: 'Mail provider inbound route', description: 'A name staff recognise' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(ONE_LINE, { message: 'name must be one line of text' })
  name: string;
}

export class InboundImapSourceCreateDto {
  @ApiProperty({ example: 'Replies mailbox', description: 'A name staff recognise' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(ONE_LINE, { message: 'name must be one line of text' })
  name: string;

  @ApiProperty({ example: 'imap.example.org', description: 'The IMAP server' })
  @IsString()
  @MaxLength(253)
  @Matches(HOST, { message: 'host must be a host name like imap.example.org, or an IP address' })
  host: string;

  @ApiPropertyOptional({ example: 993, description: 'Default: 993 with secure, 143 without' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65_535)
  port?: number;

  @ApiPropertyOptional({
    example: true,
    description: 'TLS from the start (port 993). Off: STARTTLS is required, except on an allowed private address',
  })
  @IsOptional()
  @IsBoolean()
  secure?: boolean;

  @ApiProperty({ example: 'replies@example.org' })
  @IsString()
  @MinLength(1)
  @MaxLength(320)
  @Matches(ONE_LINE, { message: 'username must be one line of text' })
  username: string;

  @ApiProperty({ example: 'app-password-from-the-provider', description: 'Write-only: sealed, never returned' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  @Matches(ONE_LINE, { message: 'password must be one line of text' })
  password: string;

  @ApiPropertyOptional({ example: 'INBOX', description: 'Where new mail is read from; "/" between levels' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(FOLDER, { message: 'folder must be a folder path like INBOX or Replies/Ministries' })
  folder?: string;

  @ApiPropertyOptional({
    example: 'Rally/Processed',
    description: 'Where stored mail is moved (created when missing); "/" between levels',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(FOLDER, { message: 'processedFolder must be a folder path like Rally/Processed' })
  processedFolder?: string;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

/**
 * Any of the fields; an absent password keeps the one sealed. On a webhook source only name and enabled apply, the
 * others are refused.
 */
export class InboundSourceUpdateDto extends PartialType(InboundImapSourceCreateDto) {}

/** The fields an update may carry for a webhook source. */
export const WEBHOOK_UPDATABLE: readonly (keyof InboundSourceUpdateDto)[] = ['name', 'enabled'];

/** Either it connected, logged in and opened the folder, or the reason it did not, in plain words. */
export class InboundImapTestResponse {
  @ApiProperty({ example: false }) ok: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'The server refused the username or password for replies@example.org',
  })
  error: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 12, description: 'Messages in the folder, when it opened' })
  messages: number | null;
}

export class InboundImapPollResponse {
  @ApiProperty({ example: true, description: 'A poll is queued; the source shows its outcome when it has run' })
  queued: boolean;
}

export class InboundSourceListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: INBOUND_SOURCE_KINDS, enumName: 'InboundSourceKind', example: 'webhook' })
  @IsOptional()
  @IsIn(INBOUND_SOURCE_KINDS)
  kind?: InboundSourceKind;
}

export class InboundSourceResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: INBOUND_SOURCE_KINDS, enumName: 'InboundSourceKind', example: 'webhook' })
  kind: InboundSourceKind;
  @ApiProperty({ example: 'Mail provider inbound route' }) name: string;
  @ApiProperty({ example: true }) enabled: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'https://rally.example.org/inbound/webhooks/6f1c2a4e-8d0b-4c1e-9a51-0d3e7b2f4c11',
    description: 'Where the provider POSTs raw MIME (webhook sources)',
  })
  webhookUrl: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'imap.example.org' }) host: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 993 }) port: number | null;
  @ApiProperty({ example: true }) secure: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'replies@example.org' }) username: string | null;
  @ApiProperty({ example: true, description: 'IMAP: a password is stored (it is never returned)' })
  passwordSet: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'INBOX' }) folder: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Rally/Processed' }) processedFolder: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastPolledAt: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'The server refused the username or password for replies@example.org',
    description: 'Why the last poll failed; null when it got through',
  })
  lastError: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

/** The only answer that carries the secret: Rally keeps it sealed and never shows it again. */
export class InboundSourceSecretResponse {
  @ApiProperty({ type: InboundSourceResponse }) source: InboundSourceResponse;
  @ApiProperty({
    example: 'Jx0b1wq8m2R5tY7uP3kL9sD4fG6hA1zC8vB2nM5qW0e',
    description:
      'Shown once. The provider signs each request: X-Rally-Timestamp (unix seconds) and X-Rally-Signature = hex HMAC-SHA256(secret, "<timestamp>." + raw body)',
  })
  secret: string;
}

export const toInboundSourceResponse = (s: InboundSource, publicUrl: string): InboundSourceResponse => ({
  id: s.id,
  kind: s.kind,
  name: s.name,
  enabled: s.enabled,
  webhookUrl: s.kind === 'webhook' ? `${publicUrl}/inbound/webhooks/${s.id}` : null,
  host: imap(s, s.host),
  port: imap(s, s.port),
  secure: s.secure,
  username: imap(s, s.username),
  passwordSet: s.kind === 'imap' && s.secretSealed !== null,
  folder: imap(s, s.folder),
  processedFolder: imap(s, s.processedFolder),
  lastPolledAt: s.lastPolledAt?.toISOString() ?? null,
  lastError: s.lastError,
  createdAt: s.createdAt.toISOString(),
  updatedAt: s.updatedAt.toISOString(),
});

const imap = <T>(s: InboundSource, value: T | null): T | null => (s.kind === 'imap' ? value : null);
