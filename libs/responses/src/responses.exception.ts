import { InvalidInputError } from '#rally/core';

/** Linked objects must be the organisation's own (or the Study's): one unknown id names the field, never a 500. */
export class ResponseLinkUnknownError extends InvalidInputError {
  constructor(field: string, ids: string[]) {
    super(
      { [field]: [`${ids.join(', ')} ${ids.length === 1 ? 'is' : 'are'} not known in this organisation`] },
      'response_link_unknown',
    );
  }
}

/** A recorded response says what the target's position was: the scoreboard counts it by stance. */
export class ResponseStanceRequiredError extends InvalidInputError {
  constructor() {
    super({ stance: ['stance is required to record a response'] }, 'response_stance_required');
  }
}

/** A draft from a captured reply cannot move to another target or lose its reply: it is what the target sent. */
export class ResponseTargetMismatchError extends InvalidInputError {
  constructor(field: string) {
    super({ [field]: [`${field} must belong to the response's target`] }, 'response_target_mismatch');
  }
}
