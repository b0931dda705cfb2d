import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsObject, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '#rally/core';
import type {
  MissingEntryPolicy,
  TargetImport,
  TargetImportKind,
  TargetImportStatus,
} from '../entities/target-import.entity.js';
import {
  MISSING_ENTRY_POLICIES,
  TARGET_IMPORT_KINDS,
  TARGET_IMPORT_STATUSES,
} from '../entities/target-import.entity.js';
import { fieldsOf } from './import-fields.js';

export class TargetImportUploadQueryDto {
  @ApiProperty({ enum: TARGET_IMPORT_KINDS, enumName: 'TargetImportKind', example: 'targets' })
  @IsIn(TARGET_IMPORT_KINDS)
  kind: TargetImportKind;

  @ApiPropertyOptional({ example: 'ministries-2027.csv', description: 'The name the file had, shown in the list' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  fileName?: string;
}

export class TargetImportListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: TARGET_IMPORT_KINDS, enumName: 'TargetImportKind', example: 'targets' })
  @IsOptional()
  @IsIn(TARGET_IMPORT_KINDS)
  kind?: TargetImportKind;
}

export class TargetImportCheckDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { name: 'Name', kind: 'Kind', country: 'Country', language: 'Language', emails: 'Email' },
    description: "Rally field -> the file's column; fields left out are not changed on existing entries",
  })
  @IsObject()
  mapping: Record<string, string>;

  @ApiProperty({
    enum: MISSING_ENTRY_POLICIES,
    enumName: 'MissingEntryPolicy',
    example: 'keep',
    description: "The organisation's entries the file does not mention: kept, disabled (targets only) or deleted",
  })
  @IsIn(MISSING_ENTRY_POLICIES)
  missing: MissingEntryPolicy;
}

export class TargetImportApplyDto {
  @ApiPropertyOptional({
    example: false,
    description: 'Apply the valid rows although the check found invalid ones (those are reported, never written)',
  })
  @IsOptional()
  @IsBoolean()
  skipInvalid?: boolean;
}

export class ImportFieldResponse {
  @ApiProperty({ example: 'emails' }) name: string;
  @ApiProperty({ example: 'emails', description: 'The column name the export writes' }) column: string;
  @ApiProperty({ example: true }) required: boolean;
}

export class ImportRowErrorResponse {
  @ApiProperty({ example: 7, description: 'Row of the file as a spreadsheet shows it: the header is row 1' })
  row: number;
  @ApiProperty({ example: 'emails', description: 'The Rally field, or "row" for the row as a whole' }) field: string;
  @ApiProperty({ example: '"minister@" is not an email address' }) message: string;
}

export class TargetImportResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: TARGET_IMPORT_KINDS, enumName: 'TargetImportKind', example: 'targets' })
  kind: TargetImportKind;
  @ApiProperty({ enum: TARGET_IMPORT_STATUSES, enumName: 'TargetImportStatus', example: 'checked' })
  status: TargetImportStatus;
  @ApiProperty({ example: 'ministries-2027.csv' }) fileName: string;
  @ApiProperty({ example: 7340032 }) fileBytes: number;
  @ApiProperty({ type: [String], example: ['Name', 'Kind', 'Country', 'Language', 'Email'] }) columns: string[];
  @ApiProperty({ type: [ImportFieldResponse] }) fields: ImportFieldResponse[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { name: 'Name', emails: 'Email' },
    description: 'Suggested from the column names at upload, then the one the last check used',
  })
  mapping: Record<string, string>;
  @ApiProperty({ enum: MISSING_ENTRY_POLICIES, enumName: 'MissingEntryPolicy', example: 'keep' })
  missing: MissingEntryPolicy;
  @ApiProperty({ example: 12000 }) rowsDone: number;
  @ApiProperty({ example: 50000, description: 'Data rows; estimated from the bytes read while a check runs' })
  rowsTotal: number;
  @ApiProperty({ example: 120 }) created: number;
  @ApiProperty({ example: 30 }) updated: number;
  @ApiProperty({ example: 49850 }) unchanged: number;
  @ApiProperty({ example: 0, description: 'Entries missing from the file that were (or would be) disabled or deleted' })
  removed: number;
  @ApiProperty({ example: 0 }) errorCount: number;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'Why a failed import stopped' })
  failure: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
}

export class TargetImportDetailResponse extends TargetImportResponse {
  @ApiProperty({ type: [ImportRowErrorResponse], description: 'The first 1,000 errors in row order' })
  errors: ImportRowErrorResponse[];
}

export const toTargetImportResponse = (i: TargetImport): TargetImportResponse => ({
  id: i.id,
  kind: i.kind,
  status: i.status,
  fileName: i.fileName,
  fileBytes: Number(i.fileBytes),
  columns: i.columns,
  fields: fieldsOf(i.kind).map((f) => ({ name: f.name, column: f.column, required: f.required })),
  mapping: i.mapping,
  missing: i.missing,
  rowsDone: i.rowsDone,
  rowsTotal: i.rowsTotal,
  created: i.created,
  updated: i.updated,
  unchanged: i.unchanged,
  removed: i.removed,
  errorCount: i.errorCount,
  failure: i.failure,
  createdAt: i.createdAt.toISOString(),
  updatedAt: i.updatedAt.toISOString(),
  finishedAt: i.finishedAt?.toISOString() ?? null,
});

export const toTargetImportDetailResponse = (i: TargetImport): TargetImportDetailResponse => ({
  ...toTargetImportResponse(i),
  errors: i.errors,
});
