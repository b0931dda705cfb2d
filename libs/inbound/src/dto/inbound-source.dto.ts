import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '#rally/core';
import type { InboundSource, InboundSourceKind } from '../entities/inbound-source.entity.js';
import { INBOUND_SOURCE_KINDS } from '../entities/inbound-source.entity.js';

/** Sources staff can create through these routes today; IMAP mailboxes arrive with the poller. */
export const CREATABLE_SOURCE_KINDS = ['webhook'] as const;

// A label on a settings screen: one line, no control characters.
const ONE_LINE = /^[^\p{Cc}]*$/u;

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
  createdAt: s.createdAt.toISOString(),
  updatedAt: s.updatedAt.toISOString(),
});
