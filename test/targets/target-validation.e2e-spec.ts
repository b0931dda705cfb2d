import { Role } from '#rally/access';
import type { StaffHandle } from '#rally-testing/organisations';
import { createOrgWithMember } from '#rally-testing/organisations';
import { aResponsibility, aTarget, anAreaLookup } from '#rally-testing/targets';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import type { StaffApi } from './target-helpers.js';
import { aTargetBody, staffApi } from './target-helpers.js';

type Case = [field: string, value: unknown];

/** Every field of every new route, each wrong in the ways a client gets it wrong: 422 naming exactly that field. */
describe('target directory input validation', () => {
  let rally: RallyHarness;
  let admin: StaffHandle;
  let api: StaffApi;
  let targetId: string;
  let emailId: string;
  let responsibilityId: string;
  let areaLookupId: string;
  beforeAll(async () => {
    rally = await startRally({ worker: false });
    admin = await createOrgWithMember(rally, { role: Role.Admin });
    api = staffApi(rally, admin);
    const target = await aTarget(rally, admin, { emails: ['a@gov.example', 'b@gov.example'] });
    targetId = target.id;
    emailId = target.emails?.[0]?.id as string;
    responsibilityId = (await aResponsibility(rally, admin, { targetId })).id;
    areaLookupId = (await anAreaLookup(rally, admin)).id;
  });
  afterAll(() => rally.close());

  const expectNamed = async (method: string, path: string, valid: Record<string, unknown>, cases: Case[]) => {
    const wrong: string[] = [];
    for (const [field, value] of cases) {
      const res = await api(method, path, { ...valid, [field]: value });
      const named = Object.keys(res.body.fields ?? {});
      if (res.status !== 422 || !named.includes(field) || named.some((n) => n.split('.')[0] !== field))
        wrong.push(`${method} ${path} ${field}=${JSON.stringify(value)} -> ${res.status} ${JSON.stringify(res.body)}`);
    }
    expect(wrong).toEqual([]);
  };
  const unknownField: Case = ['surprise', 1];

  const targetCases: Case[] = [
    ['kind', 'king'],
    ['kind', null],
    ['name', ''],
    ['name', '   '],
    ['name', null],
    ['name', 'x'.repeat(301)],
    ['title', 7],
    ['title', null],
    ['body', 'x'.repeat(301)],
    ['salutation', ['Dear']],
    ['country', 'fr'],
    ['country', 'XX'],
    ['country', 'FRA'],
    ['country', null],
    ['regionCodes', 'FR-ARA'],
    ['regionCodes', ['']],
    ['regionCodes', ['  ']],
    ['regionCodes', [1]],
    ['language', 'de'],
    ['language', null],
    ['timeZone', 'Mars/Olympus'],
    ['timeZone', 'EST5EDT-not'],
    ['timeZone', 3],
    ['focusAreas', ['space']],
    ['focusAreas', 'migration'],
    ['tags', [' ']],
    ['tags', Array.from({ length: 51 }, (_, i) => `t${i}`)],
    ['externalId', ''],
    ['externalId', 12],
    ['notes', null],
    ['active', 'yes'],
    ['active', null],
    unknownField,
  ];

  it('POST /targets', async () => {
    await expectNamed('POST', '/targets', aTargetBody(), [
      ...targetCases,
      ['emails', []],
      ['emails', 'a@gov.example'],
      ['emails', ['not an address']],
      ['emails', ['a@gov.example', 'a@b']],
      ['emails', null],
      ['emails', Array.from({ length: 21 }, (_, i) => `a${i}@gov.example`)],
    ]);
    const missing = await api('POST', '/targets', {});
    expect(Object.keys(missing.body.fields ?? {}).sort()).toEqual(['country', 'emails', 'kind', 'language', 'name']);
  });

  it('PATCH /targets/:targetId', async () => {
    await expectNamed('PATCH', `/targets/${targetId}`, {}, [...targetCases, ['emails', ['a@gov.example']]]);
  });

  it('GET /targets query', async () => {
    const wrong: string[] = [];
    for (const [field, value] of [
      ['limit', '0'],
      ['limit', '201'],
      ['limit', 'ten'],
      ['offset', '-1'],
      ['kind', 'king'],
      ['country', 'france'],
      ['focusArea', 'space'],
      ['active', 'yes'],
      ['emailState', 'lost'],
      ['sort', 'random'],
      ['q', 'x'.repeat(201)],
      ['surprise', '1'],
    ]) {
      const res = await api('GET', `/targets?${field}=${encodeURIComponent(value)}`);
      if (res.status !== 422 || !Object.keys(res.body.fields ?? {}).includes(field))
        wrong.push(`${field}=${value} -> ${res.status} ${JSON.stringify(res.body)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('POST and PATCH /targets/:targetId/emails', async () => {
    await expectNamed('POST', `/targets/${targetId}/emails`, { address: 'new@gov.example' }, [
      ['address', 'nobody'],
      ['address', ''],
      ['address', null],
      ['address', 'a@gov.example\u0000'],
      ['position', -1],
      ['position', 1.5],
      ['position', '1'],
      ['position', null],
      unknownField,
    ]);
    await expectNamed('PATCH', `/targets/${targetId}/emails/${emailId}`, {}, [
      ['state', 'bounced'],
      ['state', null],
      ['reason', 'x'.repeat(501)],
      ['reason', 5],
      ['position', -1],
      ['position', 'first'],
      ['address', 'changed@gov.example'],
      unknownField,
    ]);
  });

  const responsibility = (): Record<string, unknown> => ({
    targetId,
    country: 'FR',
    focusArea: 'migration',
    validFrom: '2027-01-01',
  });

  it('POST /responsibilities', async () => {
    await expectNamed('POST', '/responsibilities', responsibility(), [
      ['targetId', 'not-a-uuid'],
      ['targetId', null],
      ['country', 'fr'],
      ['focusArea', 'space'],
      ['recommendationCode', 'has spaces'],
      ['recommendationCode', 4],
      ['validFrom', '2027-02-30'],
      ['validFrom', '01/02/2027'],
      ['validFrom', '2027-01-01T00:00:00Z'],
      ['validFrom', null],
      ['validUntil', '2026-12-31'],
      ['validUntil', 'tomorrow'],
      ['note', 'x'.repeat(2001)],
      ['replace', 'yes'],
      unknownField,
    ]);
  });

  it('PATCH /responsibilities/:responsibilityId', async () => {
    await expectNamed('PATCH', `/responsibilities/${responsibilityId}`, {}, [
      ['validUntil', '2025-12-31'],
      ['validUntil', '2026-13-01'],
      ['note', null],
      ['validFrom', '2026-02-01'],
      unknownField,
    ]);
  });

  it('GET /responsibilities query', async () => {
    for (const [field, value] of [
      ['country', 'fr'],
      ['focusArea', 'space'],
      ['on', '2026-02-30'],
      ['recommendationCode', 'a b'],
      ['limit', '0'],
    ]) {
      const res = await api('GET', `/responsibilities?${field}=${encodeURIComponent(value)}`);
      expect([field, res.status, Object.keys(res.body.fields ?? {})]).toEqual([field, 422, [field]]);
    }
  });

  it('POST, PATCH and GET /area-lookups', async () => {
    const valid = { country: 'FR', postcodePrefix: '75', regionCode: 'FR-IDF' };
    const cases: Case[] = [
      ['country', 'XX'],
      ['postcodePrefix', ''],
      ['postcodePrefix', ' - '],
      ['postcodePrefix', '69*'],
      ['postcodePrefix', 'x'.repeat(21)],
      ['postcodePrefix', null],
      ['regionCode', ''],
      ['regionCode', '  '],
      ['regionCode', null],
      ['label', 'x'.repeat(201)],
      ['label', null],
      unknownField,
    ];
    await expectNamed('POST', '/area-lookups', valid, cases);
    await expectNamed('PATCH', `/area-lookups/${areaLookupId}`, {}, cases);
    const res = await api('GET', '/area-lookups?country=Fr');
    expect([res.status, Object.keys(res.body.fields ?? {})]).toEqual([422, ['country']]);
  });

  it('answers 404, not 500, for ids that are not uuids', async () => {
    for (const path of [
      '/targets/42',
      `/targets/${targetId}/emails/42`,
      '/targets/42/responsibilities',
      '/responsibilities/42',
      '/area-lookups/42',
    ]) {
      const method = path.endsWith('responsibilities') ? 'GET' : 'PATCH';
      expect([path, (await api(method, path, method === 'GET' ? undefined : {})).status]).toEqual([path, 404]);
    }
    const res = await api('POST', '/responsibilities', { ...responsibility(), targetId: crypto.randomUUID() });
    expect(res.status).toBe(404);
  });
});
