import { randomUUID } from 'node:crypto';
import { Role } from '#rally/access';
import { createOrgWithMember, type StaffHandle } from '#rally-testing/organisations';
import { aPetition, aSignForm } from '#rally-testing/petitions';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import { fillPath, openApiOperations, type Operation } from '../organisations/openapi-walk.js';

/** Characters PostgreSQL cannot store or JSON cannot carry whole: NUL, and each half of a surrogate pair alone. */
const BAD = ['\u0000', '\uD800', '\uDC00'];

/** The same body with every string holding `bad`; a body without strings gets one more field that does. */
function poisoned(body: unknown, bad: string): { body: unknown; expected: string[] } {
  const expected: string[] = [];
  const walk = (value: unknown, path: string): unknown => {
    if (typeof value === 'string') {
      expected.push(path);
      return `${value}${bad}`;
    }
    if (Array.isArray(value)) return value.map((v, i) => walk(v, `${path}.${i}`));
    if (typeof value === 'object' && value !== null)
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, path ? `${path}.${k}` : k)]));
    return value;
  };
  const out = walk(body ?? {}, '') as Record<string, unknown>;
  if (expected.length === 0) {
    out.note = `x${bad}`;
    expected.push('note');
  }
  return { body: out, expected };
}

const send = (rally: RallyHarness, method: string, path: string, headers: Record<string, string>, body: unknown) =>
  fetch(`${rally.baseUrl}${path}`, {
    method,
    headers: { ...headers, 'content-type': 'application/json' },
    // JSON.stringify writes lone surrogates as \u escapes (well-formed JSON.stringify) and NUL as \u0000.
    body: JSON.stringify(body),
  });

describe('unstorable text in JSON bodies is a 422 naming the field on every route', () => {
  let rally: RallyHarness;
  let admin: StaffHandle;
  let operations: Operation[];
  beforeAll(async () => {
    rally = await startRally({ worker: false });
    admin = await createOrgWithMember(rally, { role: Role.Admin });
    operations = (await openApiOperations(rally)).filter((o) => o.body !== undefined);
  });
  afterAll(() => rally.close());

  it('finds the JSON routes of the OpenAPI document', () => {
    expect(operations.length).toBeGreaterThanOrEqual(15);
    expect(operations.map((o) => `${o.method} ${o.path}`)).toEqual(
      expect.arrayContaining(['POST /api/auth/login', 'POST /api/auth/password-reset']),
    );
  });

  it.each(BAD.map((c) => [JSON.stringify(c), c]))(
    'answers %s in any string with 422 and the field names, never 5xx',
    async (_label, bad) => {
      const wrong: string[] = [];
      for (const op of operations) {
        const ids = Object.fromEntries(op.params.map((p) => [p, randomUUID()]));
        const path = fillPath(op.path, { ...ids, orgSlug: admin.organisation.slug });
        const { body, expected } = poisoned(op.body, bad);
        const res = await send(rally, op.method, path, admin.session(), body);
        const answer = (await res.json().catch(() => ({}))) as { fields?: Record<string, string[]> };
        const named = Object.keys(answer.fields ?? {}).sort();
        if (res.status !== 422 || named.join() !== [...expected].sort().join())
          wrong.push(`${op.method} ${op.path} -> ${res.status} ${named.join(',')} (expected ${expected.join(',')})`);
      }
      expect(wrong).toEqual([]);
    },
  );

  it('names a field whose key holds the character, and fields nested in arrays and objects', async () => {
    const res = await send(
      rally,
      'POST',
      '/api/auth/login',
      {},
      { email: 'a@example.org', password: 'x', 'pass\u0000word': 'y', nested: [{ deep: 'ok' }, { deep: 'bad\uD800' }] },
    );
    expect(res.status).toBe(422);
    expect(Object.keys(((await res.json()) as { fields: Record<string, string[]> }).fields).sort()).toEqual([
      'nested.1.deep',
      'pass\\u0000word',
    ]);
  });

  it('covers the public JSON sign route too, and keeps a whole surrogate pair (an emoji)', async () => {
    const petition = await aPetition(rally, admin);
    const bad = await send(rally, 'POST', `/p/${petition.slug}/sign`, {}, aSignForm({ firstName: 'Ana \uDC00' }));
    expect([bad.status, Object.keys(((await bad.json()) as { fields: object }).fields)]).toEqual([422, ['firstName']]);
    const good = await send(rally, 'POST', `/p/${petition.slug}/sign`, {}, aSignForm({ firstName: 'Ana 🌻' }));
    expect(good.status).toBe(202);
  });
});
