import { Role } from '#rally/access';
import type { StaffHandle } from '#rally-testing/organisations';
import { createOrgWithMember } from '#rally-testing/organisations';
import { TargetDirectory } from '#rally/targets';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import type { PageBody, StaffApi } from './target-helpers.js';
import { staffApi } from './target-helpers.js';

interface AreaLookupBody {
  id: string;
  country: string;
  postcodePrefix: string;
  regionCode: string;
  label: string;
}

describe('area lookup', () => {
  let rally: RallyHarness;
  let admin: StaffHandle;
  let api: StaffApi;
  beforeAll(async () => {
    rally = await startRally({ worker: false });
    admin = await createOrgWithMember(rally, { role: Role.Coordinator });
    api = staffApi(rally, admin);
  });
  afterAll(() => rally.close());

  const add = async (
    country: string,
    postcodePrefix: string,
    regionCode: string,
    label = '',
  ): Promise<AreaLookupBody> => {
    const res = await api<AreaLookupBody>('POST', '/area-lookups', { country, postcodePrefix, regionCode, label });
    expect([res.status, res.body]).toEqual([201, expect.anything()]);
    return res.body;
  };

  it('stores prefixes upper case without spaces or dashes, unique per country (409 naming postcodePrefix)', async () => {
    expect((await add('GB', ' sw1a-1 ', 'GB-WSM', 'Westminster')).postcodePrefix).toBe('SW1A1');
    const dup = await api('POST', '/area-lookups', { country: 'GB', postcodePrefix: 'SW1A 1', regionCode: 'X' });
    expect([dup.status, dup.body.error, Object.keys(dup.body.fields ?? {})]).toEqual([
      409,
      'area_lookup_prefix_taken',
      ['postcodePrefix'],
    ]);
    expect((await add('IE', 'SW1A1', 'IE-X')).country).toBe('IE');
    const other = await add('GB', 'SW1A2', 'GB-WSM');
    const clash = await api('PATCH', `/area-lookups/${other.id}`, { postcodePrefix: 'sw1a1' });
    expect([clash.status, Object.keys(clash.body.fields ?? {})]).toEqual([409, ['postcodePrefix']]);
    const moved = await api<AreaLookupBody>('PATCH', `/area-lookups/${other.id}`, {
      postcodePrefix: 'sw1a 3',
      label: 'Soho',
    });
    expect([moved.status, moved.body.postcodePrefix, moved.body.label, moved.body.regionCode]).toEqual([
      200,
      'SW1A3',
      'Soho',
      'GB-WSM',
    ]);
  });

  it('routes a postcode to the region of its longest known prefix in that country', async () => {
    await add('FR', '69', 'FR-69', 'Rhône');
    await add('FR', '6900', 'FR-69-LYON', 'Lyon');
    await add('FR', '69003', 'FR-69-03', 'Lyon 3e');
    await add('BE', '69', 'BE-X');
    const directory = rally.api.get(TargetDirectory);
    const scope = { organisationId: admin.organisation.id };
    const region = (country: string, postcode: string) => directory.regionForPostcode(scope, country, postcode);
    expect(await region('FR', '69003')).toBe('FR-69-03');
    expect(await region('FR', '69 001')).toBe('FR-69-LYON');
    expect(await region('FR', '69-500')).toBe('FR-69');
    expect(await region('FR', '75001')).toBeNull();
    expect(await region('FR', '')).toBeNull();
    expect(await region('BE', '69003')).toBe('BE-X');
    expect(await region('ES', '69003')).toBeNull();
    expect(await region('GB', 'sw1a 1aa')).toBe('GB-WSM');
    const stranger = await createOrgWithMember(rally, { role: Role.Admin });
    expect(await directory.regionForPostcode({ organisationId: stranger.organisation.id }, 'FR', '69003')).toBeNull();
  });

  it('lists by country and prefix, searches prefix start, region and label, pages, and deletes', async () => {
    const list = async (query: string) => (await api<PageBody<AreaLookupBody>>('GET', `/area-lookups?${query}`)).body;
    expect((await list('country=FR')).items.map((a) => a.postcodePrefix)).toEqual(['69', '6900', '69003']);
    expect((await list('country=FR&q=6900')).items.map((a) => a.postcodePrefix)).toEqual(['6900', '69003']);
    expect((await list('q=lyon')).items.map((a) => a.regionCode)).toEqual(['FR-69-LYON', 'FR-69-03']);
    expect((await list('q=sw1a%201')).items.map((a) => a.country)).toEqual(['GB', 'IE']);
    const page = await list('limit=2&offset=1');
    expect([page.total, page.items.length]).toEqual([7, 2]);
    const rhone = (await list('q=rh%C3%B4ne')).items[0];
    expect((await api('DELETE', `/area-lookups/${rhone.id}`)).status).toBe(204);
    expect((await api('DELETE', `/area-lookups/${rhone.id}`)).status).toBe(404);
    expect(
      await rally.api.get(TargetDirectory).regionForPostcode({ organisationId: admin.organisation.id }, 'FR', '69500'),
    ).toBeNull();
  });
});
