import { Role } from '#rally/access';
import type { StaffHandle } from '#rally-testing/organisations';
import { createOrgWithMember } from '#rally-testing/organisations';
import { aCampaign } from '#rally-testing/petitions';
import { aRecommendation } from '#rally-testing/recommendations';
import { aTarget } from '#rally-testing/targets';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import type { StaffApi } from '../support/staff-api.js';
import { staffApi } from '../support/staff-api.js';

/** Letter actions and responsibilities cite recommendations by code: only codes of the organisation's catalogue. */
describe('citing recommendations by code', () => {
  let rally: RallyHarness;
  let campaigner: StaffHandle;
  let api: StaffApi;
  let campaignId: string;
  let ownCode: string;
  let theirCode: string;
  beforeAll(async () => {
    rally = await startRally({ worker: false });
    campaigner = await createOrgWithMember(rally, { role: Role.Campaigner });
    api = staffApi(rally, campaigner);
    campaignId = await aCampaign(rally, campaigner);
    ownCode = (await aRecommendation(rally, campaigner)).code;
    theirCode = (await aRecommendation(rally, await createOrgWithMember(rally, { role: Role.Admin }))).code;
  });
  afterAll(() => rally.close());

  const action = (overrides: Record<string, unknown>): Record<string, unknown> => ({
    campaignId,
    slug: `write-${Math.random().toString(36).slice(2, 8)}`,
    title: 'Write to the minister',
    language: 'en',
    routing: { mode: 'country' },
    ...overrides,
  });

  it("lets a letter action cite the Study's codes and the organisation's own", async () => {
    const res = await api<{ id: string; recommendationCodes: string[] }>(
      'POST',
      '/letter-actions',
      action({ recommendationCodes: ['MIG-1', ownCode] }),
    );
    expect([res.status, res.body.recommendationCodes]).toEqual([201, ['MIG-1', ownCode]]);
    const patched = await api('PATCH', `/letter-actions/${res.body.id}`, { recommendationCodes: ['GEN-3'] });
    expect([patched.status, patched.body.recommendationCodes]).toEqual([200, ['GEN-3']]);
  });

  it.each([
    ['recommendationCodes', () => ({ recommendationCodes: ['MIG-1', 'NOPE-1'] })],
    ['recommendationCodes', () => ({ recommendationCodes: [theirCode] })],
    [
      'routing.recommendationCode',
      () => ({ routing: { mode: 'responsibility', focusArea: 'migration', recommendationCode: 'NOPE-2' } }),
    ],
  ])('refuses a letter action citing a code outside the catalogue, 422 naming %s', async (field, body) => {
    const created = await api('POST', '/letter-actions', action(body()));
    expect([created.status, created.body.error, Object.keys(created.body.fields ?? {})]).toEqual([
      422,
      'recommendation_code_unknown',
      [field],
    ]);
    const draft = await api<{ id: string }>('POST', '/letter-actions', action({}));
    const patched = await api('PATCH', `/letter-actions/${draft.body.id}`, body());
    expect([patched.status, Object.keys(patched.body.fields ?? {})]).toEqual([422, [field]]);
  });

  it('lets a responsibility name a catalogue code, and refuses another (422 naming recommendationCode)', async () => {
    const targetId = (await aTarget(rally, campaigner)).id;
    const base = { targetId, country: 'FR', focusArea: 'migration', validFrom: '2026-01-01' };
    expect((await api('POST', '/responsibilities', { ...base, recommendationCode: 'MIG-4' })).status).toBe(201);
    expect((await api('POST', '/responsibilities', { ...base, recommendationCode: ownCode })).status).toBe(201);
    for (const code of ['MIG-99', theirCode]) {
      const res = await api('POST', '/responsibilities', { ...base, recommendationCode: code });
      expect([res.status, Object.keys(res.body.fields ?? {})]).toEqual([422, ['recommendationCode']]);
    }
  });
});
