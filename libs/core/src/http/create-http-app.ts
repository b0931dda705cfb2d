import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { LogController } from 'fastify';
import type { DestinationStream } from 'pino';
import cookie from '@fastify/cookie';
import type { RallyConfig } from '../config/rally-config.js';
import { DomainExceptionFilter } from '../errors/domain-exception.filter.js';
import { createValidationPipe } from '../errors/validation.pipe.js';
import { JsonLogger } from '../logging/json-logger.js';
import { jsonBodyParser } from './json-body.js';
import { isDataPath, securityHeaders } from './security-headers.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;
const BODY_LIMIT = 1_048_576;

/** Builds the api's Fastify-based Nest app: JSON logs with request ids, security headers, validation, error mapping, OpenAPI. */
export async function createHttpApp(
  rootModule: unknown,
  config: RallyConfig,
  options: { logDestination?: DestinationStream; preview?: boolean } = {},
): Promise<NestFastifyApplication> {
  const logger = JsonLogger.create(config.logLevel, 'api', options.logDestination);
  const adapter = new FastifyAdapter({
    loggerInstance: logger.pino,
    trustProxy: config.http.trustProxy,
    bodyLimit: BODY_LIMIT,
    // Rally uses no Nest middleware (guards, hooks and filters instead), so middie's per-request pass is skipped.
    skipMiddie: true,
    // Fastify would log every request twice, with its full URL (confirmation links carry secrets in the path); Rally
    // logs one line per request itself, with the route pattern instead (onResponse below).
    logController: new LogController({ disableRequestLogging: true }),
    // Keep a caller's id (load balancer) when it is sane, so one request can be followed across services.
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule as never, adapter, {
    logger,
    bufferLogs: false,
    // Preview: metadata only, no provider runs (the OpenAPI export needs no database).
    preview: options.preview ?? false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  const headers = securityHeaders(config.http.publicUrl);
  // Synchronous and allocation-free: this hook runs on every request, including the hot public ones. It does not
  // run the request inside logContext (AsyncLocalStorage): on Node 20 that costs every promise a hook, measured at
  // 9% of the sign route's throughput (docs/benchmarks.md, "request id in logs"). The request's own log line, its
  // Fastify logs and unexpected errors carry its id; lines a service writes do not.
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(isDataPath(request.url) ? headers.data : headers.document).header('x-request-id', request.id);
    done();
  });
  const infoEnabled = logger.pino.isLevelEnabled('info');
  fastify.addHook('onResponse', (request, reply, done) => {
    // One line per request (its logger is bound to its id). The level check first: with LOG_LEVEL above info (the
    // benchmarks), the hot routes build no log object at all.
    if (infoEnabled)
      request.log.info({
        msg: 'request',
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      });
    done();
  });
  app.useBodyParser('application/json', { bodyLimit: BODY_LIMIT }, jsonBodyParser(fastify));
  await app.register(cookie as never);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new DomainExceptionFilter());

  SwaggerModule.setup('api/docs', app, () => openApiDocument(app), { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}

/**
 * Rally's OpenAPI document, built from the controllers' decorators: served at /api/docs/openapi.json, and written to
 * `apps/console/src/api/openapi.json` (`npm run openapi`), from which the console's client types are generated.
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const info = new DocumentBuilder()
    .setTitle('Rally API')
    .setDescription('Advocacy campaigns for child-rights organisations: petitions, letters, responses, follow-ups.')
    .setVersion('1')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'API token created by an organisation admin' },
      'token',
    )
    .addCookieAuth('rally_session', { type: 'apiKey', in: 'cookie', name: 'rally_session' }, 'session')
    .build();
  return SwaggerModule.createDocument(app, info, {
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
  });
}
