import { ConflictError, InvalidInputError } from '#rally/core';

export class TargetExternalIdTakenError extends ConflictError {
  constructor() {
    super('target_external_id_taken', 'Another target of this organisation already has this external id', {
      externalId: ['is already used by another target'],
    });
  }
}

/** Letters and responsibilities keep pointing at a target; deleting it would rewrite history. */
/** A target with history (responsibilities, letters) is kept: deactivating it stops routing and keeps the record. */
export class TargetInUseError extends ConflictError {
  constructor(history: string) {
    super('target_in_use', `This target has ${history}: set active to false instead`, {
      active: ['set to false to stop routing to this target while keeping its history'],
    });
  }
}

export class TargetEmailTakenError extends ConflictError {
  constructor(field: string) {
    super('target_email_taken', 'This target already has this address', {
      [field]: ['is already an address of this target'],
    });
  }
}

export class TargetEmailLastError extends ConflictError {
  constructor() {
    super('target_email_last', 'A target needs at least one address: add another before removing this one', {
      emailId: ['is the only address of this target'],
    });
  }
}

export class ResponsibilityPeriodError extends InvalidInputError {
  constructor() {
    super({ validUntil: ['must be on or after validFrom'] }, 'responsibility_period_invalid');
  }
}

/** A reshuffle ends the previous holder the day before; one that starts on the same day cannot be ended before it began. */
export class ResponsibilityReplaceSameDayError extends ConflictError {
  constructor() {
    super(
      'responsibility_replace_same_day',
      'Another responsibility for this area starts on the same day: delete it if it was a mistake, or pick another day',
      { validFrom: ['is the first day of a responsibility this one would replace'] },
    );
  }
}

export class AreaLookupPrefixTakenError extends ConflictError {
  constructor() {
    super('area_lookup_prefix_taken', 'This postcode prefix is already mapped in this country', {
      postcodePrefix: ['is already mapped to a region in this country'],
    });
  }
}

/** A check runs from an uploaded, checked or failed import; never while one runs, nor once the file was applied. */
export class TargetImportNotCheckableError extends ConflictError {
  constructor(status: string) {
    super(
      'target_import_not_checkable',
      status === 'applied'
        ? 'This import was applied: upload the file again to import it once more'
        : `This import is ${status}: wait until it is done`,
    );
  }
}

export class TargetImportNotCheckedError extends ConflictError {
  constructor(status: string) {
    super('target_import_not_checked', `This import is ${status}: apply follows a finished check`);
  }
}

/** Invalid rows are never written; applying the rest must be asked for, so nobody imports half a file by accident. */
export class TargetImportHasErrorsError extends ConflictError {
  constructor(errorCount: number) {
    super(
      'target_import_has_errors',
      `The check found ${errorCount} error${errorCount === 1 ? '' : 's'}: fix the file and upload it again, or apply with skipInvalid to write the valid rows only`,
      { skipInvalid: ['must be true to apply a file with invalid rows'] },
    );
  }
}
