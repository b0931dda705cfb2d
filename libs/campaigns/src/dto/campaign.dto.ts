import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '#rally/core';
import type { Campaign } from '../entities/campaign.entity.js';

export class CampaignCreateDto {
  @ApiProperty({ example: 'End child immigration detention' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'Our 2027 push for alternatives to detention.' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;
}

export class CampaignUpdateDto {
  @ApiPropertyOptional({ example: 'End child immigration detention now' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: 'Updated description.' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;
}

export class CampaignResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'End child immigration detention' }) name: string;
  @ApiProperty({ example: 'Our 2027 push for alternatives to detention.' }) description: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export const CAMPAIGN_SORTS = ['newest', 'oldest', 'name'] as const;
export type CampaignSort = (typeof CAMPAIGN_SORTS)[number];

export class CampaignListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'detention', description: 'Part of the name' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: CAMPAIGN_SORTS, enumName: 'CampaignSort', example: 'newest' })
  @IsOptional()
  @IsIn(CAMPAIGN_SORTS)
  sort?: CampaignSort;
}

export const toCampaignResponse = (c: Campaign): CampaignResponse => ({
  id: c.id,
  name: c.name,
  description: c.description,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});
