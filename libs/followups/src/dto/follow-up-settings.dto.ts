import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, Max, Min, ValidateIf } from 'class-validator';
import type { Language } from '#rally/core';
import { LANGUAGES } from '#rally/core';

// Five reminders before one due day is already a lot of mail; two months ahead is as far as plans are kept.
export const MAX_DAYS_BEFORE = 60;

export class FollowUpSettingsDto {
  @ApiProperty({ type: [Number], example: [7, 3], description: 'Days before the due day (0 = on the day), up to 5' })
  @IsArray()
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(MAX_DAYS_BEFORE, { each: true })
  daysBefore: number[];

  @ApiProperty({ example: true, description: 'Off: no member gets the daily digest' })
  @IsBoolean()
  digest: boolean;
}

export class FollowUpSettingsResponse {
  @ApiProperty({ type: [Number], example: [3] }) daysBefore: number[];
  @ApiProperty({ example: true }) digest: boolean;
  @ApiProperty({ type: [Number], example: [1, 8, 15], description: 'Days after the due day overdue reminders go' })
  overdueDays: number[];
}

export class FollowUpPreferenceDto {
  @ApiProperty({
    enum: LANGUAGES,
    enumName: 'Language',
    nullable: true,
    example: 'fr',
    description: "Language of reminders; null: the organisation's",
  })
  @ValidateIf((_, v: unknown) => v !== null)
  @IsIn(LANGUAGES)
  language: Language | null;

  @ApiProperty({ example: false, description: 'The daily digest (coordinators and admins)' })
  @IsBoolean()
  digest: boolean;
}

export class FollowUpPreferenceResponse {
  @ApiProperty({ enum: LANGUAGES, enumName: 'Language', nullable: true }) language: Language | null;
  @ApiProperty({ example: 'en', description: 'The language reminders are written in now' })
  effectiveLanguage: string;
  @ApiProperty({ example: false }) digest: boolean;
  @ApiProperty({ description: 'Whether this member may receive the digest (coordinators and admins)' })
  digestAvailable: boolean;
}
