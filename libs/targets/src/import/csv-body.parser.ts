import type { OnModuleInit } from '@nestjs/common';
import { Injectable, UnsupportedMediaTypeException } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';

/** The CSV types an upload may declare (`application/csv` is what some tools send). */
export const CSV_CONTENT_TYPES = ['text/csv', 'application/csv'];

/** Marks a route that reads a CSV body as a stream (`request.body`), never buffered. */
export const CsvStreamBody = (): MethodDecorator => RouteConfig({ csvStreamBody: true });

/**
 * Registers the CSV content types with Fastify, handing the raw request stream to the routes marked
 * `@CsvStreamBody()` and answering 415 everywhere else, as before. The route reads it after the guard has let the
 * caller in, and enforces its own size limit (Fastify's bodyLimit only covers buffered parsers).
 */
@Injectable()
export class CsvBodyParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify || fastify.hasContentTypeParser(CSV_CONTENT_TYPES[0])) return;
    fastify.addContentTypeParser(CSV_CONTENT_TYPES, (request, payload, done) => {
      const config = request.routeOptions.config as { csvStreamBody?: boolean };
      if (config.csvStreamBody === true) done(null, payload);
      else done(new UnsupportedMediaTypeException('This route takes no CSV body'), undefined);
    });
  }
}
