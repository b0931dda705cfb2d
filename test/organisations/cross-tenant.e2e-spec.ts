import { randomUUID } from 'node:crypto';
import { Role } from '#rally/access';
import type { StaffHandle } from '#rally-testing/organisations';
import { createOrgWithMember, dataSourceOf } from '#rally-testing/organisations';
import type { RallyHarness } from '../support/rally-harness.js';
import { startRally } from '../support/rally-harness.js';
import type { Operation } from './openapi-walk.js';
import { fillPath, openApiOperations, tenantFixtures } from './openapi-walk.js';
import { call } from './staff-helpers.js';

/**
 * Walks every operation of the OpenAPI document with the credentials of organisation A against organisation B:
 * B's slug, and B's objects under A's slug. Every answer must be 404: B's existence never leaks to A.
 * New routes are covered without editing this file; a new route parameter needs a fixture (see docs/architecture.md).
 */
describe('tenant isolation on every route', () => {
  let rally: RallyHarness;
  let a: StaffHandle;
  let b: StaffHandle;
  let operations: Operation[];
  const bObjects: Record<string, string> = {};

  beforeAll(async () => {
    rally = await startRally({ worker: false });
    a = await createOrgWithMember(rally, { role: Role.Admin });
    b = await createOrgWithMember(rally, { role: Role.Admin });
    operations = await openApiOperations(rally);
    const fixtures = await tenantFixtures();
    const params = new Set(
      operations.filter((o) => o.orgScoped).flatMap((o) => o.params.filter((p) => p !== 'orgSlug')),
    );
    const missing = [...params].filter((p) => !fixtures.has(p));
    if (missing.length > 0)
      throw new Error(
        `no tenant fixture creates an object for route parameter(s) ${missing.join(', ')}: add one to libs/<lib>/src/testing/tenant-fixtures.ts`,
      );
    for (const param of params)
      bObjects[param] = await (fixtures.get(param) as NonNullable<ReturnType<typeof fixtures.get>>).create(rally, b);
  });
  afterAll(() => rally.close());

  it('finds the staff routes in the OpenAPI document', () => {
    expect(operations.filter((o) => o.orgScoped).length).toBeGreaterThanOrEqual(15);
  });

  it("keeps every authenticated route outside /api/orgs/{orgSlug} to the caller's own account", () => {
    const stray = operations.filter((o) => !o.orgScoped && o.secured && !o.path.startsWith('/api/auth/'));
    expect(stray.map((o) => `${o.method} ${o.path}`)).toEqual([]);
  });

  const credentials = ['token', 'session'] as const;
  const headersFor = (who: StaffHandle, kind: (typeof credentials)[number]) =>
    kind === 'token' ? who.bearer() : who.session();

  it.each(credentials)("answers 404 to A's %s on every route of B's organisation", async (kind) => {
    const leaks: string[] = [];
    for (const op of operations.filter((o) => o.orgScoped)) {
      const path = fillPath(op.path, { ...bObjects, orgSlug: b.organisation.slug });
      const res = await call(rally, op.method, path, { headers: headersFor(a, kind), body: op.body });
      if (res.status !== 404)
        leaks.push(`${op.method} ${path} -> ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
    }
    expect(leaks).toEqual([]);
  });

  it.each(credentials)("answers 404 to A's %s for B's objects (and unknown ids) under A's own slug", async (kind) => {
    const leaks: string[] = [];
    for (const op of operations.filter((o) => o.orgScoped && o.params.length > 1)) {
      for (const [label, ids] of [
        ['B object', bObjects],
        ['unknown id', Object.fromEntries(Object.keys(bObjects).map((k) => [k, randomUUID()]))],
      ] as const) {
        const path = fillPath(op.path, { ...ids, orgSlug: a.organisation.slug });
        const res = await call(rally, op.method, path, { headers: headersFor(a, kind), body: op.body });
        if (res.status !== 404)
          leaks.push(`${label}: ${op.method} ${path} -> ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('answers 404 for an organisation that does not exist, and 401 without credentials', async () => {
    for (const op of operations.filter((o) => o.orgScoped)) {
      const values = { ...bObjects, orgSlug: 'no-such-org' };
      expect([
        op.path,
        (await call(rally, op.method, fillPath(op.path, values), { headers: a.bearer(), body: op.body })).status,
      ]).toEqual([op.path, 404]);
      expect([
        op.path,
        (
          await call(rally, op.method, fillPath(op.path, { ...values, orgSlug: b.organisation.slug }), {
            body: op.body,
          })
        ).status,
      ]).toEqual([op.path, 401]);
    }
  });

  it("left no trace of A in B's audit log", async () => {
    const rows = (await dataSourceOf(rally).query(
      `SELECT count(*)::int AS n FROM audit_event WHERE organization_id = $1 AND (actor_user_id = $2 OR actor_token_id = $3)`,
      [b.organisation.id, a.user.id, a.tokenId],
    )) as [{ n: number }];
    expect(rows[0].n).toBe(0);
  });
});
