import { Injectable } from '@nestjs/common';
import { StreamBody, StreamBodyParser } from '#rally/core';

/** How providers send a raw message: as mail (`message/rfc822`) or as bytes. */
export const RAW_MIME_CONTENT_TYPES = ['message/rfc822', 'application/octet-stream'];

/** Marks a route that reads a raw MIME body as a stream (`request.body`), never buffered. */
export const RawMimeStreamBody = (): MethodDecorator => StreamBody(...RAW_MIME_CONTENT_TYPES);

/** The raw MIME types reach the routes marked `@RawMimeStreamBody()` as the request stream; elsewhere 415. */
@Injectable()
export class RawMimeBodyParser extends StreamBodyParser {
  protected readonly contentTypes = RAW_MIME_CONTENT_TYPES;
}
