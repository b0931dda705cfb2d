import { ConflictError, GoneError, InvalidInputError } from '#rally/core';
import type { LetterTemplateProblem } from './template/template-check.js';

/** A template refused at save (or found invalid at render): each problem under its field, with where it is. */
export class LetterTemplateInvalidError extends InvalidInputError {
  constructor(readonly problems: readonly LetterTemplateProblem[]) {
    const fields: Record<string, string[]> = {};
    for (const p of problems) (fields[p.field] ??= []).push(describeLetterTemplateProblem(p));
    super(fields, 'letter_template_invalid');
  }
}

/** A rendered letter, or what went into it, over one of the engine's bounds (LETTER_LIMITS). */
export class LetterLimitExceededError extends InvalidInputError {
  constructor(field: string, message: string) {
    super({ [field]: [message] }, 'letter_limit_exceeded');
  }
}

/** "line 3, column 7: ..." when the problem has a place, else the message alone. */
export function describeLetterTemplateProblem(problem: LetterTemplateProblem): string {
  return problem.line === undefined
    ? problem.message
    : `line ${problem.line}, column ${problem.column ?? 1}: ${problem.message}`;
}

export class LetterActionSlugTakenError extends ConflictError {
  constructor() {
    super('letter_action_slug_taken', 'Another letter action already uses this slug', {
      slug: ['is already used by another letter action'],
    });
  }
}

export class LetterActionTransitionError extends ConflictError {
  constructor(from: string, action: string) {
    super('letter_action_transition_invalid', `A ${from} letter action cannot be ${action}`);
  }
}

/** Opening needs a letter in the action's language and routing that can reach someone. */
export class LetterActionNotReadyError extends ConflictError {
  constructor(fields: Record<string, string[]>) {
    super('letter_action_not_ready', 'This letter action cannot open yet', fields);
  }
}

export class LetterActionNotOpenError extends ConflictError {
  constructor(status: string) {
    super('letter_action_not_open', `This letter action is ${status} and does not accept letters`);
  }
}

export class LetterConfirmationLinkInvalidError extends GoneError {
  constructor() {
    super('confirmation_link_invalid', 'This confirmation link was already used or is not valid');
  }
}
