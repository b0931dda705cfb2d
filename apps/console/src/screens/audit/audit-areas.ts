import vocabulary from './audit-vocabulary.json';

/**
 * What each library records in the audit log, by library: written from the libraries' declarations by
 * `npm run openapi` (test/console/openapi-drift fails while it is stale; test/architecture/audit-actions holds the
 * declarations to the code). Rows of an action no longer recorded still show, under their raw name.
 */
export const AUDIT_AREAS: readonly { library: string; actions: string[]; objectTypes: string[] }[] = vocabulary;

/** Every action the audit log records, for the filter and for reading rows in the member's language. */
export const AUDIT_ACTIONS: readonly string[] = AUDIT_AREAS.flatMap((a) => a.actions);

/** Several libraries record on the organisation or a member: each object type once, in first-seen order. */
export const AUDIT_OBJECT_TYPES: readonly string[] = [...new Set(AUDIT_AREAS.flatMap((a) => a.objectTypes))];
