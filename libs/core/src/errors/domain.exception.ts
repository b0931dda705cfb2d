/** How a domain failure is answered over HTTP; the one mapping lives in DomainExceptionFilter. */
export type DomainErrorKind =
  'not_found' | 'conflict' | 'invalid' | 'rate_limited' | 'unauthenticated' | 'forbidden' | 'gone' | 'unavailable';

/**
 * Base of every business error: a stable machine code (`petition_closed`), a kind that decides the HTTP status,
 * and, for invalid input, messages keyed by field so clients can show them beside the right input.
 */
export abstract class DomainException extends Error {
  abstract readonly kind: DomainErrorKind;
  constructor(
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string[]>,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainException {
  readonly kind = 'not_found';
  constructor(what: string) {
    super(`${what.toLowerCase().replace(/\s+/g, '_')}_not_found`, `${what} not found`);
  }
}

export class ConflictError extends DomainException {
  readonly kind = 'conflict';
}

export class InvalidInputError extends DomainException {
  readonly kind = 'invalid';
  constructor(fields: Record<string, string[]>, code = 'validation_failed') {
    super(code, `Invalid ${Object.keys(fields).join(', ')}`, fields);
  }
}

export class RateLimitedError extends DomainException {
  readonly kind = 'rate_limited';
  constructor(retryAfterSeconds: number, code = 'rate_limited') {
    super(code, 'Too many requests, try again later', undefined, Math.max(1, Math.ceil(retryAfterSeconds)));
  }
}

export class UnauthenticatedError extends DomainException {
  readonly kind = 'unauthenticated';
  constructor(code = 'unauthenticated', message = 'Authentication required') {
    super(code, message);
  }
}

export class ForbiddenError extends DomainException {
  readonly kind = 'forbidden';
  constructor(code = 'forbidden', message = 'Your role does not allow this') {
    super(code, message);
  }
}

export class GoneError extends DomainException {
  readonly kind = 'gone';
}

/** Rally is healthy but momentarily full (e.g. too many signatures waiting to be written): try again shortly. */
export class ServiceBusyError extends DomainException {
  readonly kind = 'unavailable';
  constructor(retryAfterSeconds: number, code = 'busy') {
    super(code, 'Too busy right now, try again in a moment', undefined, Math.max(1, Math.ceil(retryAfterSeconds)));
  }
}
