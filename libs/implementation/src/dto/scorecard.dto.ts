import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsUUID } from 'class-validator';
import { IsCountryCode } from './implementation-fields.js';

// More than any catalogue holds (the Study's has a few dozen items), so a bulk publish of a whole country fits.
const BULK = 500;

export class PublicationDto {
  @ApiProperty({ example: 'FR', description: 'ISO 3166-1 alpha-2' })
  @IsCountryCode()
  country: string;

  @ApiProperty({ example: true, description: 'true: shown on the public scorecard; false: taken off it' })
  @IsBoolean()
  published: boolean;
}

export class BulkPublicationDto extends PublicationDto {
  @ApiProperty({ type: [String], format: 'uuid', example: ['00000000-0000-4000-8000-000000000000'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK)
  @IsUUID('all', { each: true, message: 'recommendationIds must hold recommendation ids (UUIDs)' })
  recommendationIds: string[];
}

export class ScorecardSettingsDto {
  @ApiProperty({ example: true, description: 'On: the published statuses are shown at /scorecard/{orgSlug}/{country}' })
  @IsBoolean()
  enabled: boolean;
}

export class PublicationResponse {
  @ApiProperty({ example: 'FR' }) country: string;
  @ApiProperty({ example: true }) published: boolean;
  @ApiProperty({ type: [String], format: 'uuid', description: 'The recommendations whose publication changed' })
  changed: string[];
}

export class ScorecardCountryResponse {
  @ApiProperty({ example: 'FR' }) country: string;
  @ApiProperty({ example: 12, description: 'Published statuses shown (withdrawn recommendations are not)' })
  published: number;
  @ApiProperty({ example: 'https://act.example.org/scorecard/children-first/FR' }) url: string;
  @ApiProperty({ example: 'https://act.example.org/scorecard/children-first/FR/embed' }) embedUrl: string;
  @ApiProperty({ example: 'https://act.example.org/scorecard/children-first/FR.json' }) jsonUrl: string;
  @ApiProperty({ example: 'https://act.example.org/scorecard/children-first/FR.csv' }) csvUrl: string;
}

export class ScorecardResponse {
  @ApiProperty({ example: false, description: 'Off (the default): every scorecard address answers 404' })
  enabled: boolean;
  @ApiProperty({
    example: 'https://act.example.org/scorecard/children-first',
    description: 'Add /{country} (ISO 3166-1 alpha-2) for a country’s page',
  })
  baseUrl: string;
  @ApiProperty({ type: [ScorecardCountryResponse], description: 'Countries with published statuses' })
  countries: ScorecardCountryResponse[];
}
