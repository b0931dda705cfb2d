import { randomUUID } from 'node:crypto';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import { Catch, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DomainErrorKind } from './domain.exception.js';
import { DomainException } from './domain.exception.js';

const STATUS: Record<DomainErrorKind, number> = {
  invalid: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  rate_limited: 429,
  unavailable: 503,
};

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  fields?: Record<string, string[]>;
  errorId?: string;
}

/** The one place errors become HTTP answers; unknown errors are a 500 with an id to find the logged stack. */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const { status, body, headers } = this.toResponse(exception, request);
    for (const [k, v] of Object.entries(headers)) void reply.header(k, v);
    void reply.status(status).send(body);
  }

  toResponse(
    exception: unknown,
    request?: FastifyRequest,
  ): { status: number; body: ErrorBody; headers: Record<string, string> } {
    if (exception instanceof DomainException) {
      const status = STATUS[exception.kind];
      const headers: Record<string, string> = exception.retryAfterSeconds
        ? { 'retry-after': String(exception.retryAfterSeconds) }
        : {};
      return {
        status,
        headers,
        body: {
          statusCode: status,
          error: exception.code,
          message: exception.message,
          ...(exception.fields ? { fields: exception.fields } : {}),
        },
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const res = exception.getResponse();
      const message = typeof res === 'string' ? res : ((res as { message?: unknown }).message ?? exception.message);
      return {
        status,
        headers: {},
        body: {
          statusCode: status,
          error: httpCode(status),
          message: Array.isArray(message) ? message.join('; ') : String(message),
        },
      };
    }
    const fastifyStatus = (exception as { statusCode?: number }).statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      // Fastify's own client errors (malformed JSON, body too large, bad content type).
      return {
        status: fastifyStatus,
        headers: {},
        body: { statusCode: fastifyStatus, error: httpCode(fastifyStatus), message: (exception as Error).message },
      };
    }
    const errorId = randomUUID();
    this.logger.error({
      msg: 'unhandled error',
      errorId,
      reqId: request?.id,
      error: (exception as Error)?.message,
      stack: (exception as Error)?.stack,
    });
    return {
      status: 500,
      headers: {},
      body: { statusCode: 500, error: 'internal_error', message: 'Something went wrong on our side', errorId },
    };
  }
}

function httpCode(status: number): string {
  const names: Record<number, string> = {
    400: 'bad_request',
    401: 'unauthenticated',
    403: 'forbidden',
    404: 'not_found',
    405: 'method_not_allowed',
    409: 'conflict',
    413: 'payload_too_large',
    415: 'unsupported_media_type',
    422: 'validation_failed',
    429: 'rate_limited',
  };
  return names[status] ?? 'http_error';
}
