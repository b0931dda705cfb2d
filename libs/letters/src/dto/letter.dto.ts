import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '#rally/core';

/**
 * A letter's status as staff see it: the dispatcher's states, and once handed to the outbox, the outbox's outcome
 * (sending, sent with the relay's message id, or failed with the reason).
 */
export const LETTER_DELIVERY_STATUSES = [
  'awaiting_confirmation',
  'queued',
  'waiting',
  'sending',
  'sent',
  'failed',
  'held',
  'cancelled',
  'bounced',
] as const;
export type LetterDeliveryStatus = (typeof LETTER_DELIVERY_STATUSES)[number];

export class LetterListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: LETTER_DELIVERY_STATUSES, enumName: 'LetterDeliveryStatus' })
  @IsOptional()
  @IsIn(LETTER_DELIVERY_STATUSES)
  status?: LetterDeliveryStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  targetId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actionId?: string;
}

export class LetterSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) actionId: string;
  @ApiProperty({ example: 'Write to the Minister of Justice' }) actionTitle: string;
  @ApiProperty({ format: 'uuid' }) targetId: string;
  @ApiProperty({ example: 'Ministry of Justice' }) targetName: string;
  @ApiProperty({ example: 'cabinet@justice.example.gov' }) recipient: string;
  @ApiProperty({ example: 'Amina K.' }) supporterName: string;
  @ApiProperty({ example: 'en' }) language: string;
  @ApiProperty() subject: string;
  @ApiProperty({ enum: LETTER_DELIVERY_STATUSES, enumName: 'LetterDeliveryStatus' }) status: LetterDeliveryStatus;
  @ApiProperty({ nullable: true, type: String, example: 'hourly cap', description: 'Why it waits, failed or is held' })
  statusReason: string | null;
  @ApiProperty() testMode: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When it may go (waiting)' })
  notBefore: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) sentAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class LetterResponse extends LetterSummaryResponse {
  @ApiProperty({ description: 'The letter exactly as sent' }) body: string;
  @ApiProperty({ example: '"Amina K. via Child Rights Now" <letters@example.org>' }) sender: string;
  @ApiProperty({ example: 'reply+1abc...@reply.example.org' }) replyTo: string;
  @ApiProperty({ example: '<letter.1abc...@reply.example.org>' }) messageId: string;
  @ApiProperty({ nullable: true, type: String, description: "The relay's answer when it took the message" })
  relayMessageId: string | null;
}

export class LetterStatusCount {
  @ApiProperty({ enum: LETTER_DELIVERY_STATUSES, enumName: 'LetterDeliveryStatus' }) status: LetterDeliveryStatus;
  @ApiProperty({ example: 12 }) count: number;
}

export class LetterTargetDelivery {
  @ApiProperty({ format: 'uuid' }) targetId: string;
  @ApiProperty({ example: 'Ministry of Justice' }) targetName: string;
  @ApiProperty({ example: 40 }) total: number;
  @ApiProperty({ example: 30 }) sent: number;
  @ApiProperty({ example: 8, description: 'Queued, waiting or sending' }) pending: number;
  @ApiProperty({ example: 1 }) failed: number;
  @ApiProperty({ example: 1, description: 'Held for review or for want of an address' }) held: number;
}

export class LetterDeliveryResponse {
  @ApiProperty({ type: [LetterStatusCount] }) statuses: LetterStatusCount[];
  @ApiProperty({ type: [LetterTargetDelivery] }) targets: LetterTargetDelivery[];
}

export class LetterDayCount {
  @ApiProperty({ example: '2027-03-01', description: "Day in the organisation's time zone" }) day: string;
  @ApiProperty({ example: 120, description: 'Letters confirmed by supporters that day' }) letters: number;
}

export class CampaignLetterStatsResponse {
  @ApiProperty({ example: 340 }) total: number;
  @ApiProperty({ example: 300 }) sent: number;
  @ApiProperty({ type: [LetterDayCount] }) perDay: LetterDayCount[];
  @ApiProperty({ type: [LetterTargetDelivery] }) perTarget: LetterTargetDelivery[];
}

export class LetterCancelResponse {
  @ApiProperty({ example: 12, description: 'Letters cancelled (queued, waiting or held ones)' }) cancelled: number;
}

export class LetterSubmissionReviewResponse {
  @ApiProperty({ example: 3, description: 'Letters released to the queue, or cancelled' }) letters: number;
}

export class HeldSubmissionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Amina K.' }) supporterName: string;
  @ApiProperty({ example: 'My nephew was detained for three weeks.' }) paragraph: string;
  @ApiProperty({ nullable: true, type: String }) editedBody: string | null;
  @ApiProperty({ example: 2 }) letters: number;
  @ApiProperty({ example: 4, description: 'Other submissions of this action with the same text' }) similar: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
