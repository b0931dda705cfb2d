import type { ConfigSection } from './config/config-section.js';
import type { Catalogue } from './i18n/translator.js';
import type { AnyJobRef } from './queue/job.js';

/** An entity class (TypeORM reads its decorators). */
export type EntityClass = new () => object;

/** A permission as the manifest carries it (the access layer defines the real type and its roles). */
export interface PermissionLike {
  readonly name: string;
  readonly roles: readonly string[];
  readonly covers: string;
}

/**
 * What a library writes to the audit log: every action and object type its code passes to `AuditLog.record`.
 * Values are persisted in `audit_event` rows: renaming one leaves old rows under the old name.
 */
export interface AuditVocabulary {
  readonly actions: readonly string[];
  readonly objectTypes: readonly string[];
}

/**
 * What a library registers with the platform, declared in its own `<lib>.library.ts`: entities (the schema),
 * a configuration section (variables and README rows), jobs (the worker refuses to boot on one without a handler)
 * permissions (the route check and docs/permissions.md), audit actions (test/architecture/audit-actions checks them
 * against the code; the console labels each) and text catalogues (checked complete in every language).
 * `libs/schema` lists every manifest once.
 * Tenant fixtures stay in `src/testing/tenant-fixtures.ts`, found by the cross-tenant test.
 */
export interface RallyLibrary {
  readonly name: string;
  readonly entities?: readonly EntityClass[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- sections of any settings type
  readonly config?: ConfigSection<any>;
  readonly jobs?: readonly AnyJobRef[];
  readonly permissions?: readonly PermissionLike[];
  /** Every audit action and object type it records, declared in `<lib>.audit.ts` beside its permissions. */
  readonly audit?: AuditVocabulary;
  /** Its texts in every language; checked for completeness with every other catalogue. */
  readonly catalogues?: readonly Catalogue[];
}
