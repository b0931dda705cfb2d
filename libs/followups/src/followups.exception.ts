import { ConflictError, ForbiddenError, InvalidInputError } from '#rally/core';

/** Linked objects must be the organisation's own: an unknown id names the field, never a 500. */
export class FollowUpLinkUnknownError extends InvalidInputError {
  constructor(field: string, ids: string[]) {
    super(
      { [field]: [`${ids.join(', ')} ${ids.length === 1 ? 'is' : 'are'} not known in this organisation`] },
      'follow_up_link_unknown',
    );
  }
}

/** Reminders go to the owner: someone outside the organisation would get them, or no one would. */
export class FollowUpOwnerNotMemberError extends InvalidInputError {
  constructor() {
    super({ ownerId: ['ownerId must be a current member of the organisation'] }, 'follow_up_owner_not_member');
  }
}

/** "Mine" and one's own preferences need a member; an API token is none. */
export class FollowUpNeedsMemberError extends InvalidInputError {
  constructor(field: string) {
    super({ [field]: [`${field} needs a signed-in member; an API token has none`] }, 'follow_up_needs_member');
  }
}

/** Closing someone else's follow-up is for coordinators and admins. */
export class FollowUpNotOwnerError extends ForbiddenError {
  constructor() {
    super('follow_up_not_owner', "Only the owner, a coordinator or an admin may change this follow-up's status");
  }
}

/** The digest lists the organisation's follow-ups for those who plan them: coordinators and admins. */
export class FollowUpDigestRoleError extends InvalidInputError {
  constructor() {
    super({ digest: ['the daily digest is for coordinators and admins'] }, 'follow_up_digest_role');
  }
}

/** An escalation's action needs its own fields: an owner and a title for a follow-up, a letter action to open. */
export class EscalationFieldRequiredError extends InvalidInputError {
  constructor(field: string, action: string) {
    super({ [field]: [`${field} is required when the action is ${action}`] }, 'escalation_field_required');
  }
}

/** The next wave is a prepared letter action: only a draft can be opened by the rule. */
export class EscalationActionNotDraftError extends InvalidInputError {
  constructor() {
    super(
      { letterActionId: ['letterActionId must be a draft letter action of the organisation'] },
      'escalation_action_not_draft',
    );
  }
}

/** What a rule did is history: a rule that acted is disabled, not deleted. */
export class EscalationRuleInUseError extends ConflictError {
  constructor() {
    super('escalation_rule_in_use', 'This rule has acted already: disable it instead, its history stays');
  }
}
