import { Readable } from 'node:stream';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  PayloadTooLargeException,
  Post,
  Query,
  Req,
  Res,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthContext } from '#rally/access';
import { Auth, IdPipe, RequirePermission, StaffApi } from '#rally/access';
import type { Page } from '#rally/core';
import { ErrorResponse, pageOf, PageSchema, pageWindow } from '#rally/core';
import { TargetPermission } from '../targets.permissions.js';
import { CSV_CONTENT_TYPES, CsvStreamBody } from './csv-body.parser.js';
import { ImportFileTooLargeError, MAX_FILE_BYTES } from './import-file.js';
import {
  TargetImportApplyDto,
  TargetImportCheckDto,
  TargetImportDetailResponse,
  TargetImportListQueryDto,
  TargetImportResponse,
  TargetImportUploadQueryDto,
  toTargetImportDetailResponse,
  toTargetImportResponse,
} from './target-import.dto.js';
import { TargetImportService } from './target-import.service.js';

const UUID = new IdPipe('Target import');
const TOO_LARGE = `The file is larger than ${MAX_FILE_BYTES / 1_048_576} MiB: split it into several imports`;

/** CSV imports of the target directory and the area lookup: upload, check (dry run), apply, progress. */
@StaffApi('targets')
@Controller('api/orgs/:orgSlug/target-imports')
export class TargetImportController {
  constructor(private readonly imports: TargetImportService) {}

  /** The file is the body itself (`content-type: text/csv`), streamed into storage; the answer names its columns. */
  @Post()
  @CsvStreamBody()
  @RequirePermission(TargetPermission.Import)
  @ApiConsumes(...CSV_CONTENT_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' }, description: 'The CSV file, UTF-8, header row first' })
  @ApiCreatedResponse({ type: TargetImportDetailResponse })
  @ApiResponse({ status: 413, description: 'File over 50 MiB', type: ErrorResponse })
  @ApiResponse({ status: 415, description: 'Body not sent as text/csv', type: ErrorResponse })
  async upload(
    @Auth() auth: AuthContext,
    @Query() query: TargetImportUploadQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TargetImportDetailResponse> {
    if (!(request.body instanceof Readable))
      throw new UnsupportedMediaTypeException('Send the file as the request body with content-type: text/csv');
    // The rest of an oversized body is not read: the connection closes after the answer.
    const tooLarge = (): PayloadTooLargeException => (
      void reply.header('connection', 'close'),
      new PayloadTooLargeException(TOO_LARGE)
    );
    if (Number(request.headers['content-length'] ?? 0) > MAX_FILE_BYTES) throw tooLarge();
    try {
      return toTargetImportDetailResponse(await this.imports.upload(auth, query, request.body));
    } catch (error) {
      if (error instanceof ImportFileTooLargeError) throw tooLarge();
      throw error;
    }
  }

  @Get()
  @RequirePermission(TargetPermission.Read)
  @ApiOkResponse({ type: PageSchema(TargetImportResponse) })
  async list(@Auth() auth: AuthContext, @Query() query: TargetImportListQueryDto): Promise<Page<TargetImportResponse>> {
    const window = pageWindow(query);
    const { items, total } = await this.imports.list(auth, { kind: query.kind, ...window });
    return pageOf(items.map(toTargetImportResponse), total, window);
  }

  /** Status, progress, counts and the first 1,000 errors: the console polls this while a job runs. */
  @Get(':importId')
  @RequirePermission(TargetPermission.Read)
  @ApiOkResponse({ type: TargetImportDetailResponse })
  async get(@Auth() auth: AuthContext, @Param('importId', UUID) id: string): Promise<TargetImportDetailResponse> {
    return toTargetImportDetailResponse(await this.imports.get(auth, id));
  }

  /** Queues the dry run with this mapping and missing-entry policy; poll the import for its counts and errors. */
  @Post(':importId/check')
  @HttpCode(202)
  @RequirePermission(TargetPermission.Import)
  @ApiResponse({ status: 202, type: TargetImportDetailResponse, description: 'Check queued' })
  @ApiResponse({ status: 409, description: 'A job runs on this import, or it was applied', type: ErrorResponse })
  async check(
    @Auth() auth: AuthContext,
    @Param('importId', UUID) id: string,
    @Body() body: TargetImportCheckDto,
  ): Promise<TargetImportDetailResponse> {
    return toTargetImportDetailResponse(await this.imports.check(auth, id, body));
  }

  /** Queues the apply of a checked import; with errors found, only when `skipInvalid` is true. */
  @Post(':importId/apply')
  @HttpCode(202)
  @RequirePermission(TargetPermission.Import)
  @ApiResponse({ status: 202, type: TargetImportDetailResponse, description: 'Apply queued' })
  @ApiResponse({
    status: 409,
    description: 'Not checked yet, or errors found without skipInvalid',
    type: ErrorResponse,
  })
  async apply(
    @Auth() auth: AuthContext,
    @Param('importId', UUID) id: string,
    @Body() body: TargetImportApplyDto,
  ): Promise<TargetImportDetailResponse> {
    return toTargetImportDetailResponse(await this.imports.apply(auth, id, body));
  }
}
