import type { OnModuleInit } from '@nestjs/common';
import { Injectable, UnsupportedMediaTypeException } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { mediaTypeOf } from './stream-body.js';

interface IgnoredBodyRouteConfig {
  ignoredBody?: readonly string[];
}

/**
 * An ignored body is still read (so the connection can be reused), up to this much: an RFC 8058 one-click body as
 * `multipart/form-data` is ~200 bytes (one field, two boundaries); a larger one is answered 413 by Fastify.
 */
export const IGNORED_BODY_LIMIT = 16_384;

/**
 * Marks a route that accepts a body of one of `contentTypes` and ignores it: it acts on its path alone (the RFC 8058
 * one-click unsubscribe, whose clients post `multipart/form-data` or urlencoded). `request.body` is undefined.
 */
export const IgnoredBody = (...contentTypes: string[]): MethodDecorator =>
  RouteConfig({ ignoredBody: contentTypes.map((t) => t.toLowerCase()) } satisfies IgnoredBodyRouteConfig);

/**
 * Registers content types that only routes marked `@IgnoredBody(type)` accept; every other route answers 415, as
 * Fastify does for a type it has no parser for. Nothing parses these bodies: a route that needs their fields should
 * use a real parser instead. A type another parser holds already (StreamBodyParser, Nest's) is left to it.
 */
@Injectable()
export abstract class IgnoredBodyParser implements OnModuleInit {
  protected abstract readonly contentTypes: readonly string[];

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    const types = this.contentTypes.filter((t) => !fastify.hasContentTypeParser(t));
    if (types.length === 0) return;
    fastify.addContentTypeParser(
      types,
      { parseAs: 'buffer', bodyLimit: IGNORED_BODY_LIMIT },
      (request, _body, done) => {
        const accepted = (request.routeOptions.config as IgnoredBodyRouteConfig).ignoredBody;
        if (accepted?.includes(mediaTypeOf(request))) done(null, undefined);
        else done(new UnsupportedMediaTypeException(`This route takes no ${mediaTypeOf(request)} body`), undefined);
      },
    );
  }
}
