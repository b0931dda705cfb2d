import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IfPresent, IsCountryCode, IsDay } from './scoreboard-fields.js';

export class ScoreboardQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "Only this campaign's letter actions" })
  @IsOptional()
  @IsUUID('all', { message: 'campaignId must be a UUID' })
  campaignId?: string;

  @ApiPropertyOptional({ example: 'FR', description: 'Only targets of this country (ISO 3166-1 alpha-2)' })
  @IsOptional()
  @IsCountryCode()
  country?: string;
}

/** What supporters answered "did they reply?", one answer per letter asked about; apart from captured replies. */
export class SupporterReportedResponse {
  @ApiProperty({ example: 4 }) yes: number;
  @ApiProperty({ example: 2 }) acknowledgement: number;
  @ApiProperty({ example: 7 }) no: number;
  @ApiProperty({ example: 1 }) notYet: number;
  @ApiProperty({ example: 14, description: 'Letters with an answer' }) answers: number;
}

export class ScoreboardRowResponse {
  @ApiProperty({ example: 'Ministry of Justice', description: "The targets' ministry or body (their name if none)" })
  ministry: string;

  @ApiProperty({ example: 'FR' }) country: string;

  @ApiProperty({ example: 6, description: 'Waves: letter actions whose letters reached a target of the ministry' })
  waves: number;

  @ApiProperty({ example: 1250, description: 'Letters received in those waves' }) letters: number;

  @ApiProperty({ example: 5, description: 'Waves with an acknowledgement or a substantive response' })
  acknowledgedWaves: number;

  @ApiProperty({ example: 3, description: 'Waves with a substantive response (committed, partially, refused)' })
  answeredWaves: number;

  @ApiProperty({ example: 0.5, description: 'answeredWaves / waves' }) responseRate: number;

  @ApiProperty({ example: 0.83, description: 'acknowledgedWaves / waves' }) acknowledgementRate: number;

  @ApiProperty({ example: 0.4, description: 'Responses recorded per 100 letters received' })
  responsesPer100Letters: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 3,
    description: 'Median business days to the first acknowledgement, over the waves that got one',
  })
  medianDaysToAcknowledgement: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 12.5,
    description: 'Median business days to the first substantive response, over the waves that got one',
  })
  medianDaysToResponse: number | null;

  @ApiProperty({ type: SupporterReportedResponse }) supporterReported: SupporterReportedResponse;
}

export class ScoreboardResponse {
  @ApiProperty({ type: [ScoreboardRowResponse], description: 'Per ministry and country, lowest response rate first' })
  ministries: ScoreboardRowResponse[];

  @ApiProperty({ type: ScoreboardRowResponse, description: 'Every wave of the selection together' })
  totals: ScoreboardRowResponse;
}

export class ScoreboardSettingsDto {
  @ApiProperty({
    example: false,
    description: 'On: the per-ministry scoreboard is public at /public/scoreboard/<org>/scoreboard.json',
  })
  @IsBoolean()
  public: boolean;
}

export class ScoreboardSettingsResponse {
  @ApiProperty({ example: false }) public: boolean;
  @ApiProperty({
    example: '/public/scoreboard/child-rights-now/scoreboard.json',
    description: 'Where it is (or would be) served',
  })
  publicPath: string;
}

export class HolidayListQueryDto {
  @ApiPropertyOptional({ example: 'FR' })
  @IsOptional()
  @IsCountryCode()
  country?: string;
}

export class HolidayCreateDto {
  @ApiProperty({ example: 'FR' })
  @IsCountryCode()
  country: string;

  @ApiProperty({ example: '2027-05-01', format: 'date' })
  @IsDay()
  day: string;

  @ApiPropertyOptional({ example: 'Labour Day' })
  @IfPresent()
  @IsString()
  @MaxLength(200)
  name?: string;
}

export class HolidayUpdateDto {
  @ApiPropertyOptional({ example: '2027-05-08', format: 'date' })
  @IfPresent()
  @IsDay()
  day?: string;

  @ApiPropertyOptional({ example: 'Victory in Europe Day' })
  @IfPresent()
  @IsString()
  @MaxLength(200)
  name?: string;
}

export class HolidayResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'FR' }) country: string;
  @ApiProperty({ example: '2027-05-01', format: 'date' }) day: string;
  @ApiProperty({ example: 'Labour Day' }) name: string;
}
