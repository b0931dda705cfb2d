import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
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

export interface CampaignResponse {
  id: string;
  name: string;
  description: string;
  createdAt: string;
  updatedAt: string;
}

export const toCampaignResponse = (c: Campaign): CampaignResponse => ({
  id: c.id,
  name: c.name,
  description: c.description,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});
