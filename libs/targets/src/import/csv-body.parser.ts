import { Injectable } from '@nestjs/common';
import { StreamBody, StreamBodyParser } from '#rally/core';

/** The CSV types an upload may declare (`application/csv` is what some tools send). */
export const CSV_CONTENT_TYPES = ['text/csv', 'application/csv'];

/** Marks a route that reads a CSV body as a stream (`request.body`), never buffered. */
export const CsvStreamBody = (): MethodDecorator => StreamBody(...CSV_CONTENT_TYPES);

/** The CSV types reach the routes marked `@CsvStreamBody()` as the raw request stream; every other route answers 415. */
@Injectable()
export class CsvBodyParser extends StreamBodyParser {
  protected readonly contentTypes = CSV_CONTENT_TYPES;
}
