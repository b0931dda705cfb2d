import { ConflictError, InvalidInputError } from '#rally/core';

/** The Study's rows follow the shipped catalogue only: an edit here would be undone at the next boot, or split links. */
export class RecommendationFromStudyError extends ConflictError {
  constructor() {
    super(
      'recommendation_from_study',
      "This recommendation belongs to the Study's catalogue and cannot be changed: add one of your own instead",
    );
  }
}

/** Codes are how letters and responsibilities cite a recommendation, so one code names one recommendation. */
export class RecommendationCodeTakenError extends ConflictError {
  constructor(byStudy: boolean) {
    super(
      'recommendation_code_taken',
      byStudy ? "The Study's catalogue already uses this code" : 'Another recommendation of yours has this code',
      { code: [byStudy ? "is a code of the Study's catalogue" : 'is already used by another recommendation'] },
    );
  }
}

/** Later records (statuses, responses) point to it: withdrawing keeps them readable. */
export class RecommendationInUseError extends ConflictError {
  constructor() {
    super('recommendation_in_use', 'Other records refer to this recommendation: set withdrawn to true instead', {
      withdrawn: ['set to true to set this recommendation aside while keeping what refers to it'],
    });
  }
}

/** For features citing recommendations by code (letters, responsibilities): every code must be in the catalogue. */
export class UnknownRecommendationCodeError extends InvalidInputError {
  constructor(field: string, codes: string[]) {
    super(
      { [field]: [`${codes.join(', ')} ${codes.length === 1 ? 'is' : 'are'} not in the recommendation catalogue`] },
      'recommendation_code_unknown',
    );
  }
}
