import type { OnModuleInit } from '@nestjs/common';
import { Injectable, UnsupportedMediaTypeException } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';

interface StreamBodyRouteConfig {
  streamBody?: readonly string[];
}

/** The media type of a request, lower case and without parameters (`text/csv; charset=utf-8` -> `text/csv`). */
export function mediaTypeOf(request: FastifyRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * Marks a route that reads its body as a stream (`request.body` is the raw request, never buffered) when it arrives
 * as one of `contentTypes`. The route reads it after the guard has let the caller in and enforces its own size limit
 * (Fastify's bodyLimit only covers buffered parsers).
 */
export const StreamBody = (...contentTypes: string[]): MethodDecorator =>
  RouteConfig({ streamBody: contentTypes.map((t) => t.toLowerCase()) } satisfies StreamBodyRouteConfig);

/**
 * Registers content types with Fastify so that the routes marked `@StreamBody(type)` get the raw request stream and
 * every other route answers 415, as Fastify does for a type it has no parser for. Each library that streams a body
 * provides a subclass naming its types; a type two libraries name is registered once, and a route only receives the
 * stream for the types it named itself.
 */
@Injectable()
export abstract class StreamBodyParser implements OnModuleInit {
  protected abstract readonly contentTypes: readonly string[];

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    const types = this.contentTypes.filter((t) => !fastify.hasContentTypeParser(t));
    if (types.length === 0) return;
    fastify.addContentTypeParser(types, (request, payload, done) => {
      const accepted = (request.routeOptions.config as StreamBodyRouteConfig).streamBody;
      if (accepted?.includes(mediaTypeOf(request))) done(null, payload);
      else done(new UnsupportedMediaTypeException(`This route takes no ${mediaTypeOf(request)} body`), undefined);
    });
  }
}
