import type { OrgScope } from '#rally/core';

export type { OrgScope };

/** Staff roles inside one organisation. Stored as text: adding one is safe, renaming one is a migration. */
export enum Role {
  Admin = 'admin',
  Coordinator = 'coordinator',
  Campaigner = 'campaigner',
}

/**
 * Who is acting and for which organisation. Every service/repository method touching organisation data takes this
 * (or its organisationId) first, so an unscoped query does not compile.
 */
export interface AuthContext extends OrgScope {
  role: Role;
  actor: { kind: 'user'; userId: string; sessionId: string } | { kind: 'token'; tokenId: string };
  ip?: string;
}
