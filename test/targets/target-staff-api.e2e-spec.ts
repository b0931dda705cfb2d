import { Role } from '#rally/access';
import type { StaffHandle } from '#rally-testing/organisations';
import { createOrgWithMember, dataSourceOf } from '#rally-testing/organisations';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import type { PageBody, StaffApi, TargetBody } from './target-helpers.js';
import { aTargetBody, staffApi } from './target-helpers.js';

describe('target directory staff API', () => {
  let rally: RallyHarness;
  let admin: StaffHandle;
  let api: StaffApi;
  beforeAll(async () => {
    rally = await startRally({ worker: false });
    admin = await createOrgWithMember(rally, { role: Role.Admin });
    api = staffApi(rally, admin);
  });
  afterAll(() => rally.close());

  const create = async (overrides: Record<string, unknown> = {}): Promise<TargetBody> => {
    const res = await api<TargetBody>('POST', '/targets', aTargetBody(overrides));
    expect([res.status, res.body]).toEqual([201, expect.anything()]);
    return res.body;
  };
  const auditActions = async (objectId: string): Promise<string[]> =>
    (
      (await dataSourceOf(rally).query(`SELECT action FROM audit_event WHERE object_id = $1 ORDER BY at, id`, [
        objectId,
      ])) as { action: string }[]
    ).map((r) => r.action);

  it('creates a target with its addresses in order, normalised, and audits it', async () => {
    const res = await api<TargetBody>('POST', '/targets', {
      kind: 'ministry',
      name: '  Ministry of Justice ',
      country: 'FR',
      language: 'fr',
      timeZone: 'europe/paris',
      regionCodes: ['FR-ARA', ' FR-ARA', 'FR-IDF'],
      focusAreas: ['migration', 'administration-of-justice'],
      tags: ['cabinet'],
      externalId: 'MIN-JUS',
      emails: [' Cabinet@Justice.Example.GOV ', 'press@justice.example.gov'],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Ministry of Justice',
      title: '',
      timeZone: 'Europe/Paris',
      regionCodes: ['FR-ARA', 'FR-IDF'],
      externalId: 'MIN-JUS',
      active: true,
      routable: true,
    });
    expect(res.body.emails.map((e) => [e.address, e.addressNormalized, e.state, e.position])).toEqual([
      ['Cabinet@Justice.Example.GOV', 'cabinet@justice.example.gov', 'active', 0],
      ['press@justice.example.gov', 'press@justice.example.gov', 'active', 1],
    ]);
    expect((await api('GET', `/targets/${res.body.id}`)).body).toEqual(res.body);
    expect(await auditActions(res.body.id)).toEqual(['target.create']);
  });

  it('refuses an external id taken in the organisation (409 naming it), but not one of another organisation', async () => {
    await create({ externalId: 'PA-1' });
    const taken = await api('POST', '/targets', aTargetBody({ externalId: 'PA-1' }));
    expect([taken.status, taken.body.error, Object.keys(taken.body.fields ?? {})]).toEqual([
      409,
      'target_external_id_taken',
      ['externalId'],
    ]);
    const other = await createOrgWithMember(rally, { role: Role.Campaigner });
    expect((await staffApi(rally, other)('POST', '/targets', aTargetBody({ externalId: 'PA-1' }))).status).toBe(201);
    const second = await create({ externalId: 'PA-2' });
    const patched = await api('PATCH', `/targets/${second.id}`, { externalId: 'PA-1' });
    expect([patched.status, Object.keys(patched.body.fields ?? {})]).toEqual([409, ['externalId']]);
    expect((await api<TargetBody>('PATCH', `/targets/${second.id}`, { externalId: null })).body.externalId).toBeNull();
  });

  it('refuses the same address twice in one create, naming its place in the list', async () => {
    const res = await api('POST', '/targets', aTargetBody({ emails: ['a@gov.example', ' A@GOV.example'] }));
    expect([res.status, res.body.error, Object.keys(res.body.fields ?? {})]).toEqual([
      409,
      'target_email_taken',
      ['emails.1'],
    ]);
  });

  it('updates only the fields sent, and audits which', async () => {
    const target = await create({ tags: ['a'], notes: 'keep me' });
    const res = await api<TargetBody>('PATCH', `/targets/${target.id}`, {
      title: 'Minister of the Interior',
      timeZone: 'America/Cayenne',
      active: false,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      title: 'Minister of the Interior',
      timeZone: 'America/Cayenne',
      active: false,
      routable: false,
      tags: ['a'],
      notes: 'keep me',
    });
    expect((await api<TargetBody>('PATCH', `/targets/${target.id}`, { timeZone: null })).body.timeZone).toBeNull();
    expect(await auditActions(target.id)).toEqual(['target.create', 'target.update', 'target.update']);
  });

  describe('list', () => {
    let org: StaffHandle;
    let list: StaffApi;
    const names = async (query: string): Promise<string[]> => {
      const res = await list<PageBody<TargetBody>>('GET', `/targets?${query}`);
      expect(res.status).toBe(200);
      return res.body.items.map((t) => t.name);
    };
    beforeAll(async () => {
      org = await createOrgWithMember(rally, { role: Role.Coordinator });
      list = staffApi(rally, org);
      const make = async (body: Record<string, unknown>) => {
        const res = await list<TargetBody>('POST', '/targets', aTargetBody(body));
        expect(res.status).toBe(201);
        return res.body;
      };
      await make({ name: 'Alice Martin', kind: 'parliamentarian', regionCodes: ['FR-69-03'], tags: ['ally'] });
      await make({
        name: 'Bruno Petit',
        kind: 'minister',
        title: 'Minister of Migration',
        focusAreas: ['migration'],
        emails: ['b.petit@interieur.example.gov'],
      });
      await make({ name: 'Chloé Durand', kind: 'nhri', body: 'Défenseur des droits', active: false });
      await make({ name: 'Diego Ruiz', kind: 'minister', country: 'ES', language: 'es', tags: ['ally'] });
      const bounced = await make({ name: 'Emma Leroy', kind: 'focal-point' });
      await dataSourceOf(rally).query(`UPDATE target_emails SET state = 'bounced' WHERE target_id = $1`, [bounced.id]);
    });

    it('filters by kind, country, region, focus area, tag, active and address state', async () => {
      expect(await names('kind=minister')).toEqual(['Bruno Petit', 'Diego Ruiz']);
      expect(await names('country=ES')).toEqual(['Diego Ruiz']);
      expect(await names('region=FR-69-03')).toEqual(['Alice Martin']);
      expect(await names('focusArea=migration')).toEqual(['Bruno Petit']);
      expect(await names('tag=ally')).toEqual(['Alice Martin', 'Diego Ruiz']);
      expect(await names('active=false')).toEqual(['Chloé Durand']);
      expect(await names('active=true&kind=minister&country=FR')).toEqual(['Bruno Petit']);
      expect(await names('emailState=bounced')).toEqual(['Emma Leroy']);
    });

    it('searches the name, title, body and addresses, with LIKE characters taken literally', async () => {
      expect(await names('q=martin')).toEqual(['Alice Martin']);
      expect(await names('q=of%20migration')).toEqual(['Bruno Petit']);
      expect(await names('q=d%C3%A9fenseur')).toEqual(['Chloé Durand']);
      expect(await names('q=interieur.example')).toEqual(['Bruno Petit']);
      expect(await names('q=%25')).toEqual([]);
    });

    it('sorts by name (default), newest and last update, and pages with the total', async () => {
      expect(await names('')).toEqual(['Alice Martin', 'Bruno Petit', 'Chloé Durand', 'Diego Ruiz', 'Emma Leroy']);
      expect(await names('sort=newest')).toEqual([
        'Emma Leroy',
        'Diego Ruiz',
        'Chloé Durand',
        'Bruno Petit',
        'Alice Martin',
      ]);
      const page = await list<PageBody<TargetBody>>('GET', '/targets?limit=2&offset=2');
      expect([page.body.items.map((t) => t.name), page.body.total, page.body.limit, page.body.offset]).toEqual([
        ['Chloé Durand', 'Diego Ruiz'],
        5,
        2,
        2,
      ]);
      const beyond = await list<PageBody<TargetBody>>('GET', '/targets?offset=50');
      expect([beyond.body.items, beyond.body.total]).toEqual([[], 5]);
      const alice = (await list<PageBody<TargetBody>>('GET', '/targets?q=alice')).body.items[0];
      await list('PATCH', `/targets/${alice.id}`, { notes: 'met in March' });
      expect((await names('sort=updated'))[0]).toBe('Alice Martin');
    });
  });

  it('deletes a target nothing refers to, and refuses one with responsibilities (409: deactivate instead)', async () => {
    const loose = await create();
    expect((await api('DELETE', `/targets/${loose.id}`)).status).toBe(204);
    expect((await api('GET', `/targets/${loose.id}`)).status).toBe(404);
    expect(await auditActions(loose.id)).toEqual(['target.create', 'target.delete']);

    const serving = await create();
    const r = await api('POST', '/responsibilities', {
      targetId: serving.id,
      country: 'FR',
      focusArea: 'migration',
      validFrom: '2026-01-01',
    });
    expect(r.status).toBe(201);
    const refused = await api('DELETE', `/targets/${serving.id}`);
    expect([refused.status, refused.body.error]).toEqual([409, 'target_in_use']);
    expect((await api('GET', `/targets/${serving.id}`)).status).toBe(200);
  });

  describe('addresses', () => {
    it('adds an address at the end or at a position, normalised, and refuses a duplicate (409 naming address)', async () => {
      const target = await create({ emails: ['one@gov.example'] });
      const two = await api('POST', `/targets/${target.id}/emails`, { address: ' Two@Gov.Example ' });
      expect([two.status, two.body.address, two.body.addressNormalized, two.body.position]).toEqual([
        201,
        'Two@Gov.Example',
        'two@gov.example',
        1,
      ]);
      const zero = await api('POST', `/targets/${target.id}/emails`, { address: 'zero@gov.example', position: 0 });
      expect(zero.body.position).toBe(0);
      const dup = await api('POST', `/targets/${target.id}/emails`, { address: 'TWO@gov.example' });
      expect([dup.status, dup.body.error, Object.keys(dup.body.fields ?? {})]).toEqual([
        409,
        'target_email_taken',
        ['address'],
      ]);
      const after = (await api<TargetBody>('GET', `/targets/${target.id}`)).body;
      expect(after.emails.map((e) => [e.addressNormalized, e.position])).toEqual([
        ['zero@gov.example', 0],
        ['one@gov.example', 1],
        ['two@gov.example', 2],
      ]);
    });

    it('lets staff disable and re-enable an address with a reason, and undo a bounce, but never set one', async () => {
      const target = await create({ emails: ['main@gov.example', 'backup@gov.example'] });
      const [main, backup] = target.emails;
      const disabled = await api('PATCH', `/targets/${target.id}/emails/${main.id}`, {
        state: 'disabled',
        reason: 'The minister asked us to use the backup',
      });
      expect([disabled.status, disabled.body.state, disabled.body.stateReason]).toEqual([
        200,
        'disabled',
        'The minister asked us to use the backup',
      ]);
      expect(disabled.body.stateChangedAt).toEqual(expect.any(String));
      expect((await api<TargetBody>('GET', `/targets/${target.id}`)).body.routable).toBe(true);

      await dataSourceOf(rally).query(
        `UPDATE target_emails SET state = 'bounced', state_reason = 'hard bounce 5.1.1' WHERE id = $1`,
        [backup.id],
      );
      expect((await api<TargetBody>('GET', `/targets/${target.id}`)).body.routable).toBe(false);
      const undone = await api('PATCH', `/targets/${target.id}/emails/${backup.id}`, { state: 'active' });
      expect([undone.body.state, undone.body.stateReason]).toEqual(['active', 'enabled by staff']);

      for (const state of ['bounced', 'suspended', 'gone']) {
        const refused = await api('PATCH', `/targets/${target.id}/emails/${main.id}`, { state });
        expect([state, refused.status, Object.keys(refused.body.fields ?? {})]).toEqual([state, 422, ['state']]);
      }
      expect(await auditActions(target.id)).toEqual(['target.create', 'target.email.update', 'target.email.update']);
    });

    it('moves an address, removes one (the rest move up), and refuses removing the last (409)', async () => {
      const target = await create({ emails: ['a@gov.example', 'b@gov.example', 'c@gov.example'] });
      const [a, b, c] = target.emails;
      expect((await api('PATCH', `/targets/${target.id}/emails/${c.id}`, { position: 0 })).body.position).toBe(0);
      const order = async () =>
        (await api<TargetBody>('GET', `/targets/${target.id}`)).body.emails.map((e) => [
          e.addressNormalized,
          e.position,
        ]);
      expect(await order()).toEqual([
        ['c@gov.example', 0],
        ['a@gov.example', 1],
        ['b@gov.example', 2],
      ]);
      expect((await api('DELETE', `/targets/${target.id}/emails/${a.id}`)).status).toBe(204);
      expect((await api('DELETE', `/targets/${target.id}/emails/${c.id}`)).status).toBe(204);
      expect(await order()).toEqual([['b@gov.example', 0]]);
      const last = await api('DELETE', `/targets/${target.id}/emails/${b.id}`);
      expect([last.status, last.body.error]).toEqual([409, 'target_email_last']);
      expect((await api('DELETE', `/targets/${target.id}/emails/${a.id}`)).status).toBe(404);
    });

    it("answers 404 for an address of another of the organisation's targets", async () => {
      const one = await create();
      const two = await create();
      const res = await api('PATCH', `/targets/${one.id}/emails/${two.emails[0].id}`, { state: 'disabled' });
      expect(res.status).toBe(404);
      expect((await api('DELETE', `/targets/${one.id}/emails/${two.emails[0].id}`)).status).toBe(404);
    });
  });
});
