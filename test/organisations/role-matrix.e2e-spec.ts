import { randomUUID } from 'node:crypto';
import { Role } from '#rally/access';
import { RALLY_PERMISSIONS } from '#rally/schema';
import type { StaffHandle } from '#rally-testing/organisations';
import { addMember, createOrgWithMember } from '#rally-testing/organisations';
import type { RallyHarness } from '../support/rally-harness.js';
import { startRally } from '../support/rally-harness.js';
import type { CatalogRoute } from './route-catalog.js';
import { routeCatalog } from './route-catalog.js';
import { ORG_PREFIX, fillPath, openApiOperations } from './openapi-walk.js';
import { call } from './staff-helpers.js';

/** Each role x each protected route: allowed roles get past the guard, the others get 403 inside their own organisation. */
describe('role matrix', () => {
  let rally: RallyHarness;
  let routes: CatalogRoute[];
  const members = new Map<Role, StaffHandle>();

  beforeAll(async () => {
    rally = await startRally({ worker: false });
    const admin = await createOrgWithMember(rally, { role: Role.Admin });
    members.set(Role.Admin, admin);
    for (const role of [Role.Coordinator, Role.Campaigner])
      members.set(role, await addMember(rally, admin.organisation, { role }));
    routes = routeCatalog(rally.api);
  });
  afterAll(() => rally.close());

  const staffRoute = (r: CatalogRoute): boolean => r.access.kind === 'permission' || r.access.kind === 'any-member';

  it('marks every route @Public, @SignedIn or with a permission, and puts every permission route under the org prefix', () => {
    expect(routes.filter((r) => r.access.kind === 'none').map((r) => `${r.method} ${r.path}`)).toEqual([]);
    const misplaced = routes.filter(
      (r) => staffRoute(r) && !(r.path === ORG_PREFIX || r.path.startsWith(`${ORG_PREFIX}/`)),
    );
    expect(misplaced.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('documents every protected route in OpenAPI', async () => {
    const documented = new Set((await openApiOperations(rally)).map((o) => `${o.method} ${o.path}`));
    expect(
      routes
        .filter((r) => staffRoute(r) && !documented.has(`${r.method} ${r.path}`))
        .map((r) => `${r.method} ${r.path}`),
    ).toEqual([]);
  });

  const allowed = (route: CatalogRoute, role: Role): boolean =>
    route.access.kind === 'any-member' ||
    (route.access.kind === 'permission' && route.access.permission.roles.includes(role));

  it.each(
    [Role.Admin, Role.Coordinator, Role.Campaigner].flatMap((role) =>
      (['token', 'session'] as const).map((kind) => [role, kind] as const),
    ),
  )('%s with a %s gets exactly the routes the matrix grants', async (role, kind) => {
    const member = members.get(role) as StaffHandle;
    const headers = kind === 'token' ? member.bearer() : member.session();
    const wrong: string[] = [];
    for (const route of routes.filter(staffRoute)) {
      const ids = Object.fromEntries([...route.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], randomUUID()]));
      // Unknown ids and an empty body: allowed calls end in 404/422 or a harmless no-op, never 401/403.
      const res = await call(rally, route.method, fillPath(route.path, { ...ids, orgSlug: member.organisation.slug }), {
        headers,
        body: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
      });
      const expectAllowed = allowed(route, role);
      const got = res.status === 403 ? 'denied' : res.status === 401 ? 'unauthenticated' : 'allowed';
      if ((expectAllowed && got !== 'allowed') || (!expectAllowed && got !== 'denied'))
        wrong.push(
          `${route.method} ${route.path}: expected ${expectAllowed ? 'allowed' : 'denied'}, got ${res.status}`,
        );
    }
    expect(wrong).toEqual([]);
  });

  it('the matrix gives admins everything, and coordinators and campaigners what the issue says', () => {
    const byName = new Map(RALLY_PERMISSIONS.map((p) => [p.name, p.roles]));
    for (const roles of byName.values()) expect(roles).toContain(Role.Admin);
    for (const adminOnly of [
      'members.manage',
      'tokens.manage',
      'audit.read',
      'mail-settings.manage',
      'organisation.manage',
    ])
      expect([adminOnly, byName.get(adminOnly)]).toEqual([adminOnly, [Role.Admin]]);
    expect(byName.get('campaigns.read')).toEqual([Role.Admin, Role.Coordinator, Role.Campaigner]);
    expect(byName.get('petitions.manage')).toContain(Role.Campaigner);
    expect(byName.get('petitions.manage')).not.toContain(Role.Coordinator);
    expect(byName.get('signatures.export')).not.toContain(Role.Coordinator);
  });
});
