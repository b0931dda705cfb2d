import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '#rally/core';
import type { BounceClass, InboundKind, InboundStatus, ThreadedBy } from '../entities/inbound-message.entity.js';
import { BOUNCE_CLASSES, INBOUND_KINDS, INBOUND_STATUSES, THREADED_BY } from '../entities/inbound-message.entity.js';
import type { InboundAlertKind } from '../entities/inbound-alert.entity.js';
import { INBOUND_ALERT_KINDS } from '../entities/inbound-alert.entity.js';

const bool = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

export class InboundMessageListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: INBOUND_KINDS, enumName: 'InboundKind' })
  @IsOptional()
  @IsIn(INBOUND_KINDS)
  kind?: InboundKind;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() letterId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() targetId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() actionId?: string;

  @ApiPropertyOptional({ description: 'Only mail tied to no letter (the triage queue), unparseable mail included' })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  triage?: boolean;
}

export class InboundAttachmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'reply.pdf' }) fileName: string;
  @ApiProperty({ example: 'application/pdf' }) contentType: string;
  @ApiProperty({ example: 20480 }) size: number;
}

export class InboundMessageSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: INBOUND_STATUSES, enumName: 'InboundStatus' }) status: InboundStatus;
  @ApiProperty({ enum: INBOUND_KINDS, enumName: 'InboundKind', nullable: true }) kind: InboundKind | null;
  @ApiProperty({ nullable: true, type: String, example: 'cabinet@justice.example.gov' }) fromAddress: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Cabinet of the Minister' }) fromName: string | null;
  @ApiProperty({ nullable: true, type: String }) subject: string | null;
  @ApiProperty({ description: 'From the target, or vouched for by DMARC' }) senderVerified: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) letterId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) targetId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) actionId: string | null;
  @ApiProperty({ enum: THREADED_BY, enumName: 'ThreadedBy', nullable: true }) threadedBy: ThreadedBy | null;
  @ApiProperty({ enum: BOUNCE_CLASSES, enumName: 'BounceClass', nullable: true }) bounceClass: BounceClass | null;
  @ApiProperty({ nullable: true, type: String, example: '5.1.1' }) bounceStatus: string | null;
  @ApiProperty({ description: 'A bounce read from free text: a person should look' }) needsReview: boolean;
  @ApiProperty({ description: 'The start of the answer, without the quoted letter', example: 'We have received...' })
  preview: string;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
}

export class InboundMessageResponse extends InboundMessageSummaryResponse {
  @ApiProperty({ nullable: true, type: String, description: 'The whole text, quotes included ("show quoted")' })
  bodyText: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The answer without the quoted letter' })
  replyText: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Sanitised HTML: show it in a sandboxed frame; its cid: images point at the attachment route',
  })
  bodyHtml: string | null;
  @ApiProperty({ type: [InboundAttachmentResponse] }) attachments: InboundAttachmentResponse[];
  @ApiProperty({ nullable: true, type: String, description: 'Why processing failed' }) failure: string | null;
}

export class InboundThreadDto {
  @ApiProperty({ format: 'uuid', description: 'The letter this mail answers' })
  @IsUUID()
  letterId: string;
}

export class InboundAlertListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only alerts nobody acknowledged yet (default true); else all, those first' })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  open?: boolean;
}

export class InboundAlertResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: INBOUND_ALERT_KINDS, enumName: 'InboundAlertKind' }) kind: InboundAlertKind;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) targetEmailId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'cabinet@justice.example.gov' }) address: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) targetId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Ministry of Justice' }) targetName: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'justice.example.gov' }) domain: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) inboundMessageId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The IMAP mailbox it is about' })
  inboundSourceId: string | null;
  @ApiProperty({ example: 'hard bounce 5.1.1' }) detail: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) acknowledgedAt: string | null;
}
