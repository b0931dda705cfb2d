import type { FastifyInstance, FastifyRequest } from 'fastify';
import { InvalidInputError } from '../errors/domain.exception.js';
import { unstorableTextFields } from './unstorable-text.js';

type Done = (error: Error | null, body?: unknown) => void;

/**
 * Every JSON body Rally accepts, on every route: Fastify's own parser (prototype-poisoning checks kept), then one
 * check for text nothing downstream can store. Done at parsing so no route, DTO or hand-written validator can forget.
 * A NUL or a lone surrogate can only arrive through a `\u` escape, so bodies without one (nearly all, the hot sign
 * route included) skip the walk.
 */
export function jsonBodyParser(fastify: FastifyInstance): (request: FastifyRequest, body: Buffer, done: Done) => void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  return (request, body, done) => {
    parse(request, body as unknown as string, (error: Error | null, parsed?: unknown) => {
      if (error) return done(error);
      if (!body.includes('\\u')) return done(null, parsed);
      const fields = unstorableTextFields(parsed);
      done(Object.keys(fields).length > 0 ? new InvalidInputError(fields) : null, parsed);
    });
  };
}
