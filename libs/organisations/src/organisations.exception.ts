import { ConflictError, DomainException, GoneError, InvalidInputError, UnauthenticatedError } from '#rally/core';

/** Too many failed logins on one account (or from one address): answered 429 with Retry-After. */
export class LoginLockedError extends DomainException {
  readonly kind = 'rate_limited';
  constructor(
    retryAfterSeconds: number,
    code = 'account_locked',
    message = 'Too many failed sign-in attempts. The account is locked for a while and its owner has been notified by email.',
  ) {
    super(code, message, undefined, Math.max(1, Math.ceil(retryAfterSeconds)));
  }
}

export class InvalidCredentialsError extends UnauthenticatedError {
  constructor() {
    super('invalid_credentials', 'Email or password is wrong');
  }
}

export class WeakPasswordError extends InvalidInputError {
  constructor(field: string, problems: string[]) {
    super({ [field]: problems }, 'weak_password');
  }
}

export class LinkInvalidError extends GoneError {
  constructor(what: 'reset' | 'invitation', state = 'used, expired or unknown') {
    super(`${what}_link_invalid`, `This ${what === 'reset' ? 'password reset' : 'invitation'} link is ${state}`);
  }
}

export class LastAdminError extends ConflictError {
  constructor() {
    super('last_admin', 'An organisation needs at least one admin');
  }
}

export class OrganisationSlugTakenError extends ConflictError {
  constructor() {
    super('slug_taken', 'Another organisation already uses this slug');
  }
}
