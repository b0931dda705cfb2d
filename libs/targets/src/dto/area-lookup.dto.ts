import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '#rally/core';
import type { AreaLookup } from '../entities/area-lookup.entity.js';
import { IfPresent, IsCountryCode } from './target-fields.js';

export class AreaLookupCreateDto {
  @ApiProperty({ example: 'FR', description: 'ISO 3166-1 alpha-2' })
  @IsCountryCode()
  country: string;

  @ApiProperty({
    example: '69',
    description: 'A postcode or its first characters; stored upper case without spaces or dashes',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  postcodePrefix: string;

  @ApiProperty({ example: 'FR-69', description: 'The region code targets carry in regionCodes' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  regionCode: string;

  @ApiPropertyOptional({ example: 'Rhône', description: 'A name for staff, never shown to supporters' })
  @IfPresent()
  @IsString()
  @MaxLength(200)
  label?: string;
}

export class AreaLookupUpdateDto {
  @ApiPropertyOptional({ example: 'FR' })
  @IfPresent()
  @IsCountryCode()
  country?: string;

  @ApiPropertyOptional({ example: '690' })
  @IfPresent()
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  postcodePrefix?: string;

  @ApiPropertyOptional({ example: 'FR-69' })
  @IfPresent()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  regionCode?: string;

  @ApiPropertyOptional({ example: 'Rhône' })
  @IfPresent()
  @IsString()
  @MaxLength(200)
  label?: string;
}

export class AreaLookupListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'FR' })
  @IsOptional()
  @IsCountryCode()
  country?: string;

  @ApiPropertyOptional({ example: '69', description: 'Start of the prefix, or part of the region code or label' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class AreaLookupResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'FR' }) country: string;
  @ApiProperty({ example: '69' }) postcodePrefix: string;
  @ApiProperty({ example: 'FR-69' }) regionCode: string;
  @ApiProperty({ example: 'Rhône' }) label: string;
}

export const toAreaLookupResponse = (a: AreaLookup): AreaLookupResponse => ({
  id: a.id,
  country: a.country,
  postcodePrefix: a.postcodePrefix,
  regionCode: a.regionCode,
  label: a.label,
});
