import { ConflictError, InvalidInputError } from '#rally/core';
import type { MailingStatus } from './entities/mailing.entity.js';

/** A change the mailing's state does not allow (editing one that is sending, resuming a cancelled one). */
export class MailingStateError extends ConflictError {
  constructor(action: string, status: MailingStatus) {
    super('mailing_state', `A ${status} mailing cannot be ${action}`);
  }
}

/** An object the audience or schedule names that is not the organisation's own: 422 naming the field. */
export class MailingReferenceUnknownError extends InvalidInputError {
  constructor(field: string) {
    super({ [field]: [`${field} is not known in this organisation`] }, 'mailing_reference_unknown');
  }
}

/** A schedule or audience that cannot work as asked (a time in the past, a close date the petition lacks). */
export class MailingInvalidError extends InvalidInputError {
  constructor(field: string, message: string) {
    super({ [field]: [message] }, 'mailing_invalid');
  }
}

/** The member has no address of their own to test-send to (an API token). */
export class MailingTestRecipientError extends InvalidInputError {
  constructor() {
    super({ to: ['an API token has no address of its own: sign in to test-send'] }, 'mailing_test_recipient');
  }
}
