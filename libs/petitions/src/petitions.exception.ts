import { ConflictError, GoneError } from '#rally/core';

export class PetitionNotOpenError extends ConflictError {
  constructor(status: string) {
    super('petition_not_open', `This petition is ${status} and does not accept signatures`);
  }
}

export class PetitionTransitionError extends ConflictError {
  constructor(from: string, action: string) {
    super('petition_transition_invalid', `A ${from} petition cannot be ${action}`);
  }
}

export class PetitionCloseDatePassedError extends ConflictError {
  constructor() {
    super('petition_close_date_passed', 'The close date has passed: set a later closesAt before reopening', {
      closesAt: ['must be in the future to reopen'],
    });
  }
}

export class PetitionSlugTakenError extends ConflictError {
  constructor() {
    super('petition_slug_taken', 'Another petition already uses this slug', {
      slug: ['is already used by another petition'],
    });
  }
}

export class ConfirmationLinkInvalidError extends GoneError {
  constructor() {
    super('confirmation_link_invalid', 'This confirmation link was already used or is not valid');
  }
}
