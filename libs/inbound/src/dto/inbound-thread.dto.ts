import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '#rally/core';
import { InboundMessageSummaryResponse } from './inbound-message.dto.js';

export class InboundThreadListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Letters of the letter actions of this campaign' })
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() targetId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() actionId?: string;
}

/** The letter a thread hangs from, as it went. */
export class InboundThreadLetterResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Children do not belong in detention' }) subject: string;
  @ApiProperty({ format: 'uuid' }) targetId: string;
  @ApiProperty({ example: 'Ministry of Justice' }) targetName: string;
  @ApiProperty({ example: 'cabinet@justice.example.gov' }) recipient: string;
  @ApiProperty({ format: 'uuid' }) actionId: string;
  @ApiProperty({ example: 'Write to the Minister of Justice' }) actionTitle: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the relay took it' })
  sentAt: string | null;
  @ApiProperty({ description: 'Its reply address was revoked: it takes no more mail' })
  replyAddressRevoked: boolean;
}

export class InboundThreadMessageResponse extends InboundMessageSummaryResponse {
  @ApiProperty({ description: 'The answer without the quoted letter (the whole text when nothing was quoted)' })
  replyText: string;
  @ApiProperty({ description: 'The whole text holds more than the answer: "show quoted" has something to show' })
  quoted: boolean;
  @ApiProperty({ description: 'An HTML part was kept (shown in a sandboxed frame)' }) hasHtml: boolean;
  @ApiProperty({ example: 1 }) attachmentCount: number;
}

/** One letter and what came back for it (replies, automatic answers, bounces), oldest first. */
export class InboundThreadResponse {
  @ApiProperty({ type: InboundThreadLetterResponse }) letter: InboundThreadLetterResponse;
  @ApiProperty({ type: [InboundThreadMessageResponse] }) messages: InboundThreadMessageResponse[];
  @ApiProperty({ format: 'date-time', description: 'When the latest of them arrived' }) lastReceivedAt: string;
}

export class InboundLetterChoiceQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'justice', description: 'Words of the subject, target, address or action' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

/** A letter that triaged mail can be tied to. */
export class InboundLetterChoiceResponse extends InboundThreadLetterResponse {}
