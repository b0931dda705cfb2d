import { randomUUID } from 'node:crypto';
import { Role } from '#rally/access';
import type { StaffHandle } from '#rally-testing/organisations';
import { createOrgWithMember, dataSourceOf } from '#rally-testing/organisations';
import { aResponsibility, aTarget, anAreaLookup } from '#rally-testing/targets';
import type { OrgScope } from '#rally/core';
import type { Target } from '#rally/targets';
import { TargetDirectory } from '#rally/targets';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import { staffApi } from './target-helpers.js';

class RolledBack extends Error {}

/** What routing asks of the directory, against the real database, from the api and from the worker. */
describe('TargetDirectory', () => {
  let rally: RallyHarness;
  let owner: StaffHandle;
  let scope: OrgScope;
  let directory: TargetDirectory;
  let alice: Target;
  let bruno: Target;
  let chloe: Target;
  let zoe: Target;
  let diego: Target;
  let felix: Target;

  const setState = (emailId: string, state: string) =>
    dataSourceOf(rally).query(`UPDATE target_emails SET state = $2 WHERE id = $1`, [emailId, state]);
  const names = (list: { name: string }[]) => list.map((t) => t.name);

  beforeAll(async () => {
    rally = await startRally();
    owner = await createOrgWithMember(rally, { role: Role.Admin });
    scope = { organisationId: owner.organisation.id };
    directory = rally.api.get(TargetDirectory);
    alice = await aTarget(rally, owner, {
      name: 'Alice Martin',
      kind: 'parliamentarian',
      regionCodes: ['FR-69-03'],
      emails: ['old@assemblee.example.gov', 'alice@assemblee.example.gov', 'office@assemblee.example.gov'],
      timeZone: 'Europe/Paris',
    });
    await setState(alice.emails?.[0]?.id as string, 'disabled');
    bruno = await aTarget(rally, owner, { name: 'Bruno Petit', kind: 'minister', regionCodes: ['FR-69', 'FR-69-03'] });
    chloe = await aTarget(rally, owner, {
      name: 'Chloé Durand',
      kind: 'parliamentarian',
      regionCodes: ['FR-69-03'],
      active: false,
    });
    zoe = await aTarget(rally, owner, { name: 'Zoé Blanc', kind: 'parliamentarian', regionCodes: ['FR-69-03'] });
    await setState(zoe.emails?.[0]?.id as string, 'bounced');
    diego = await aTarget(rally, owner, {
      name: 'Diego Ruiz',
      country: 'ES',
      language: 'es',
      regionCodes: ['FR-69-03'],
    });
    felix = await aTarget(rally, owner, { name: 'Félix Roux', kind: 'ministry' });
    const stranger = await createOrgWithMember(rally, { role: Role.Admin });
    await aTarget(rally, stranger, { name: 'Aaron Stranger', regionCodes: ['FR-69-03'] });
  });
  afterAll(() => rally.close());

  it('byRegion: active targets of the country with an active address answering for the region, by name', async () => {
    const found = await directory.byRegion(scope, { country: 'FR', region: 'FR-69-03', kinds: [] });
    expect(names(found)).toEqual(['Alice Martin', 'Bruno Petit']);
    expect(found[0]).toEqual({
      id: alice.id,
      kind: 'parliamentarian',
      name: 'Alice Martin',
      title: 'Minister of Justice',
      body: 'Ministry of Justice',
      salutation: '',
      country: 'FR',
      regionCodes: ['FR-69-03'],
      language: 'fr',
      timeZone: 'Europe/Paris',
      email: {
        id: alice.emails?.[1]?.id,
        address: 'alice@assemblee.example.gov',
        addressNormalized: 'alice@assemblee.example.gov',
      },
    });
    expect(
      names(await directory.byRegion(scope, { country: 'FR', region: 'FR-69-03', kinds: ['minister', 'nhri'] })),
    ).toEqual(['Bruno Petit']);
    expect(names(await directory.byRegion(scope, { country: 'FR', region: 'FR-69', kinds: [] }))).toEqual([
      'Bruno Petit',
    ]);
    expect(await directory.byRegion(scope, { country: 'FR', region: 'FR-75', kinds: [] })).toEqual([]);
  });

  it('byCountry: every routable target of the country, kinds optional', async () => {
    expect(names(await directory.byCountry(scope, { country: 'FR', kinds: [] }))).toEqual([
      'Alice Martin',
      'Bruno Petit',
      'Félix Roux',
    ]);
    expect((await directory.byCountry(scope, { country: 'ES', kinds: ['minister'] })).map((t) => t.id)).toEqual([
      diego.id,
    ]);
    expect(await directory.byCountry(scope, { country: 'ES', kinds: ['ministry'] })).toEqual([]);
  });

  it('byIds keeps the order given and drops unknown, inactive, unreachable and malformed ids', async () => {
    const found = await directory.byIds(scope, [felix.id, chloe.id, alice.id, randomUUID(), 'nope', zoe.id, felix.id]);
    expect(names(found)).toEqual(['Félix Roux', 'Alice Martin']);
    expect(await directory.byIds(scope, [])).toEqual([]);
    expect(await directory.byIds({ organisationId: randomUUID() }, [alice.id])).toEqual([]);
  });

  it('primaryAddress: the first active address by position, following state changes and reordering', async () => {
    expect((await directory.primaryAddress(scope, alice.id))?.address).toBe('alice@assemblee.example.gov');
    expect(await directory.primaryAddress(scope, chloe.id)).toBeNull();
    expect(await directory.primaryAddress(scope, zoe.id)).toBeNull();
    await setState(alice.emails?.[1]?.id as string, 'suspended');
    expect((await directory.primaryAddress(scope, alice.id))?.address).toBe('office@assemblee.example.gov');
    await setState(alice.emails?.[1]?.id as string, 'active');
    await dataSourceOf(rally).query(`UPDATE target_emails SET position = 9 WHERE id = $1`, [alice.emails?.[1]?.id]);
    expect((await directory.primaryAddress(scope, alice.id))?.address).toBe('office@assemblee.example.gov');
  });

  it('responsibleOn: the holders valid that day, recommendation rows first, focus-area-wide otherwise', async () => {
    const area = { country: 'FR', focusArea: 'migration' } as const;
    await aResponsibility(rally, owner, { ...area, targetId: bruno.id, validFrom: '2026-01-01' });
    await aResponsibility(rally, owner, { ...area, targetId: alice.id, validFrom: '2026-06-01', replace: true });
    await aResponsibility(rally, owner, {
      ...area,
      targetId: felix.id,
      recommendationCode: 'MIG-4',
      validFrom: '2026-03-01',
      validUntil: '2026-09-30',
    });
    // Chloé is inactive: her shared responsibility never routes.
    await aResponsibility(rally, owner, { ...area, targetId: chloe.id, validFrom: '2026-01-01' });
    const on = async (recommendationCode: string | null, day: string) =>
      names(await directory.responsibleOn(scope, { ...area, recommendationCode }, day));

    expect(await on(null, '2025-12-31')).toEqual([]);
    expect(await on(null, '2026-02-01')).toEqual(['Bruno Petit']);
    expect(await on('MIG-4', '2026-02-01')).toEqual(['Bruno Petit']);
    expect(await on('MIG-4', '2026-03-01')).toEqual(['Félix Roux']);
    expect(await on(null, '2026-05-31')).toEqual(['Bruno Petit']);
    expect(await on(null, '2026-06-01')).toEqual(['Alice Martin']);
    expect(await on('MIG-9', '2026-06-01')).toEqual(['Alice Martin']);
    expect(await on('MIG-4', '2026-10-01')).toEqual(['Alice Martin']);
    expect(
      names(await directory.responsibleOn(scope, { ...area, country: 'ES', recommendationCode: null }, '2026-06-01')),
    ).toEqual([]);

    // The recommendation's holder cannot be written to: the focus area's holders answer instead of nobody.
    expect((await staffApi(rally, owner)('PATCH', `/targets/${felix.id}`, { active: false })).status).toBe(200);
    expect(await on('MIG-4', '2026-03-01')).toEqual(['Bruno Petit']);
    await expect(directory.responsibleOn(scope, { ...area, recommendationCode: null }, '2026-02-30')).rejects.toThrow(
      /YYYY-MM-DD/,
    );
  });

  it("reads inside the caller's transaction when given its manager", async () => {
    await dataSourceOf(rally)
      .transaction(async (manager) => {
        await manager.query(
          `INSERT INTO area_lookups (organization_id, country, postcode_prefix, region_code) VALUES ($1, 'FR', '13', 'FR-13')`,
          [scope.organisationId],
        );
        await manager.query(`UPDATE targets SET region_codes = '{FR-13}' WHERE id = $1`, [bruno.id]);
        expect(await directory.regionForPostcode(scope, 'FR', '13001', manager)).toBe('FR-13');
        expect(names(await directory.byRegion(scope, { country: 'FR', region: 'FR-13', kinds: [] }, manager))).toEqual([
          'Bruno Petit',
        ]);
        expect(await directory.primaryAddress(scope, bruno.id, manager)).toEqual(
          expect.objectContaining({ id: bruno.emails?.[0]?.id }),
        );
        throw new RolledBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RolledBack)) throw error;
      });
  });

  it('is provided by the worker too, reading the same rows', async () => {
    const worker = rally.worker?.get(TargetDirectory);
    expect(worker).toBeInstanceOf(TargetDirectory);
    await anAreaLookup(rally, owner, { country: 'FR', postcodePrefix: '31', regionCode: 'FR-31' });
    expect(await worker?.regionForPostcode(scope, 'FR', '31000')).toBe('FR-31');
    expect(names((await worker?.byIds(scope, [bruno.id, alice.id])) ?? [])).toEqual(['Bruno Petit', 'Alice Martin']);
  });
});
