import { Injectable, UnsupportedMediaTypeException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { IgnoredBody, IgnoredBodyParser, mediaTypeOf } from '#rally/core';

/**
 * RFC 8058 lets a mail provider post the one-click body (`List-Unsubscribe=One-Click`) as urlencoded or as
 * `multipart/form-data`; providers use both. The route acts on the token in its path alone, so the multipart body is
 * read (16 KiB at most) and dropped, never parsed. @fastify/multipart (10.x, for Fastify 5) would parse fields and
 * files (busboy) that nothing reads, as a plugin for the whole app: more parsing code on public routes, for nothing.
 */
export const ONE_CLICK_MULTIPART = ['multipart/form-data'];

/** What the one-click POST takes: none (a bare POST), the page's button (urlencoded) or a provider's multipart. */
const ONE_CLICK_TYPES = new Set(['', 'application/x-www-form-urlencoded', ...ONE_CLICK_MULTIPART]);

export const OneClickBody = (): MethodDecorator => IgnoredBody(...ONE_CLICK_MULTIPART);

/** Other types Fastify parses on every route (JSON, text/plain) get a 415 here naming what the route takes. */
export function assertOneClickBody(request: FastifyRequest): void {
  if (!ONE_CLICK_TYPES.has(mediaTypeOf(request)))
    throw new UnsupportedMediaTypeException(
      'The one-click unsubscribe takes an application/x-www-form-urlencoded or multipart/form-data body, or none',
    );
}

@Injectable()
export class OneClickBodyParser extends IgnoredBodyParser {
  protected readonly contentTypes = ONE_CLICK_MULTIPART;
}
