import { ConflictError, ForbiddenError } from '#rally/core';

/** The editor started from an older version: saving would undo what someone else saved meanwhile. */
export class ImplementationStatusChangedError extends ConflictError {
  constructor(current: number) {
    super('implementation_status_changed', 'The status changed since you opened it: reload and try again', {
      baseVersion: [`is not the current version (${current})`],
    });
  }
}

/** One pending proposal at a time, so a reviewer never decides against a state its proposer did not see. */
export class ImplementationProposalPendingError extends ConflictError {
  constructor() {
    super('implementation_proposal_pending', 'A proposed change of this status waits for review: decide it first');
  }
}

export class ImplementationProposalDecidedError extends ConflictError {
  constructor() {
    super('implementation_proposal_decided', 'This proposal was already approved or rejected');
  }
}

/** Approving it would silently undo a change applied after it was proposed. */
export class ImplementationProposalStaleError extends ConflictError {
  constructor() {
    super(
      'implementation_proposal_stale',
      'The status changed after this proposal was made: reject it and propose again from the current status',
    );
  }
}

/** The rule's point is a second pair of eyes. */
export class ImplementationOwnProposalError extends ForbiddenError {
  constructor() {
    super('implementation_own_proposal', 'Another member must review a change you proposed');
  }
}

/**
 * The scorecard shows where a country stands: a recommendation with no status there yet (or unknown), or withdrawn
 * from the catalogue, has nothing to show.
 */
export class ImplementationNotPublishableError extends ConflictError {
  constructor(field: string, codes: string[]) {
    const list = codes.join(', ');
    super('implementation_not_publishable', `Nothing to publish for ${list}: set a status in this country first`, {
      [field]: [`${list}: no status in this country (or unknown), or withdrawn`],
    });
  }
}
