import { Role } from './auth-context.js';

/**
 * Something staff may do, and which roles may do it. Each feature library defines the permissions of its own routes
 * (in `<lib>.permissions.ts`) and lists them in its manifest; routes name one with `@RequirePermission`, and
 * `docs/permissions.md` is checked against the whole list.
 */
export interface Permission {
  /** Stored nowhere, shown to the console (`GET /api/orgs/:orgSlug/me`) and in docs: `petitions.manage`. */
  readonly name: string;
  readonly roles: readonly Role[];
  /** What it covers, in a few words, for the permissions table. */
  readonly covers: string;
}

export const definePermission = (name: string, roles: readonly Role[], covers: string): Permission => ({
  name,
  roles,
  covers,
});

export const roleMay = (role: Role, permission: Permission): boolean => permission.roles.includes(role);

/** Every role, for permissions open to all members. */
export const ALL_ROLES: readonly Role[] = [Role.Admin, Role.Coordinator, Role.Campaigner];

/** The permissions one role holds, by name, from a list (the composed libraries' permissions). */
export const permissionNamesFor = (
  role: Role,
  permissions: readonly { name: string; roles: readonly string[] }[],
): string[] => permissions.filter((p) => p.roles.includes(role)).map((p) => p.name);
