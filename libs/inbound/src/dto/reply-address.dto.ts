import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class ReplyAddressRevokeDto {
  @ApiPropertyOptional({ example: 'Spam since the ministry forwarded it to a mailing list', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

/** Whether a letter's reply address takes mail, and who stopped it. */
export class ReplyAddressResponse {
  @ApiProperty({ format: 'uuid' })
  letterId: string;

  @ApiProperty({ example: 'reply+1ab2…@reply.example.org' })
  address: string;

  @ApiProperty({ description: 'false once revoked: the SMTP server refuses it, other ways in send it to triage' })
  takesMail: boolean;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  revokedAt: string | null;

  @ApiProperty({ example: '' })
  reason: string;
}
