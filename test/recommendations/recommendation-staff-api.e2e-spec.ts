import { Role } from '#rally/access';
import type { StaffHandle } from '#rally-testing/organisations';
import { addMember, createOrgWithMember, dataSourceOf } from '#rally-testing/organisations';
import { aRecommendationBody } from '#rally-testing/recommendations';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import type { StaffApi } from '../support/staff-api.js';
import { staffApi } from '../support/staff-api.js';

interface RecommendationBody {
  id: string;
  code: string;
  sourceKind: 'study' | 'organisation';
  sourceLabel: string | null;
  focusArea: string | null;
  title: string;
  verification: string | null;
  studyRecommends: boolean;
  evidence: { url: string; supports: string }[];
  withdrawn: boolean;
}
interface PageBody<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

describe('recommendation catalogue staff API', () => {
  let rally: RallyHarness;
  let admin: StaffHandle;
  let api: StaffApi;
  const STUDY_ITEMS = 26;
  beforeAll(async () => {
    rally = await startRally({ worker: false });
    admin = await createOrgWithMember(rally, { role: Role.Admin });
    api = staffApi(rally, admin);
  });
  afterAll(() => rally.close());

  const list = async (query = ''): Promise<PageBody<RecommendationBody>> => {
    const res = await api<PageBody<RecommendationBody>>('GET', `/recommendations${query}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const studyRow = async (code: string): Promise<RecommendationBody> => {
    const found = (await list(`?source=study&q=${code}&limit=200`)).items.find((i) => i.code === code);
    if (!found) throw new Error(`${code} is not in the catalogue`);
    return found;
  };
  const create = async (overrides: Record<string, unknown> = {}, as = api): Promise<RecommendationBody> => {
    const res = await as<RecommendationBody>('POST', '/recommendations', aRecommendationBody(overrides));
    expect([res.status, res.body.fields]).toEqual([201, undefined]);
    return res.body;
  };

  it('serves the Study catalogue loaded at boot, with its version and legend', async () => {
    const page = await list('?limit=200');
    expect(page.total).toBe(STUDY_ITEMS);
    expect(page.items.every((i) => i.sourceKind === 'study' && i.sourceLabel === null)).toBe(true);
    // Overarching first, then the Study's order of areas, codes by number.
    expect(page.items.slice(0, 9).map((i) => [i.code, i.focusArea])).toEqual([
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => [`GEN-${n}`, null]),
      ['JUS-1', 'administration-of-justice'],
    ]);
    const catalogue = await api<Record<string, unknown>>('GET', '/recommendation-catalogue');
    expect(catalogue.status).toBe(200);
    expect(catalogue.body).toMatchObject({
      version: '1.0',
      itemCount: STUDY_ITEMS,
      studyRecommendsLevels: ['primary', 'secondary'],
      verificationLegend: { unverified: expect.stringMatching(/not confirmed as Study text/) },
    });
  });

  it('says "the Study recommends" only of primary and secondary Study items', async () => {
    const all = (await list('?source=study&limit=200')).items;
    const by = (level: string) => all.filter((i) => i.verification === level).map((i) => i.studyRecommends);
    expect([...new Set(by('primary'))]).toEqual([true]);
    expect([...new Set(by('secondary'))]).toEqual([true]);
    expect([...new Set(by('partial'))]).toEqual([false]);
    expect([...new Set(by('unverified'))]).toEqual([false]);
    const ac1 = await api<RecommendationBody>('GET', `/recommendations/${(await studyRow('AC-1')).id}`);
    expect([ac1.status, ac1.body.verification, ac1.body.studyRecommends]).toEqual([200, 'unverified', false]);
    const own = await create();
    expect([own.verification, own.studyRecommends]).toEqual([null, false]);
  });

  it('filters by focus area (overarching too), source, verification and search text, and pages', async () => {
    const migration = await list('?focusArea=migration');
    expect(migration.items.map((i) => i.code)).toEqual(['MIG-1', 'MIG-2', 'MIG-3', 'MIG-4', 'MIG-5']);
    expect((await list('?focusArea=overarching')).items.every((i) => i.focusArea === null)).toBe(true);
    expect((await list('?verification=unverified')).items.map((i) => i.code)).toEqual(['AC-1', 'AC-2', 'NS-1', 'NS-2']);
    const own = await create({
      code: 'CRC-SEARCH-1',
      title: 'Close the waiting zones for children',
      focusArea: 'migration',
    });
    expect((await list('?source=organisation&q=waiting zones')).items.map((i) => i.id)).toEqual([own.id]);
    expect((await list('?focusArea=migration')).items.at(-1)?.id).toBe(own.id);
    expect((await list('?q=%25')).total).toBe(0);
    const page = await list('?source=study&limit=5&offset=5');
    expect([page.items.length, page.total, page.limit, page.offset]).toEqual([5, STUDY_ITEMS, 5, 5]);
    expect(page.items[0]?.code).toBe('GEN-6');
  });

  it('keeps the Study rows read-only: 409 recommendation_from_study for PATCH and DELETE', async () => {
    const gen1 = await studyRow('GEN-1');
    const patched = await api('PATCH', `/recommendations/${gen1.id}`, { title: 'Mine now' });
    expect([patched.status, patched.body.error]).toEqual([409, 'recommendation_from_study']);
    const deleted = await api('DELETE', `/recommendations/${gen1.id}`);
    expect([deleted.status, deleted.body.error]).toEqual([409, 'recommendation_from_study']);
    expect((await studyRow('GEN-1')).title).toBe(gen1.title);
  });

  it("creates, edits, withdraws and deletes the organisation's own, audited", async () => {
    const own = await create({ code: 'UPR-4-112', focusArea: null, sourceLabel: ' UPR 4th cycle ' });
    expect(own).toMatchObject({
      sourceKind: 'organisation',
      sourceLabel: 'UPR 4th cycle',
      focusArea: null,
      withdrawn: false,
    });
    const patched = await api<RecommendationBody>('PATCH', `/recommendations/${own.id}`, {
      title: 'Raise the age to 14',
      focusArea: 'administration-of-justice',
      evidence: [],
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      title: 'Raise the age to 14',
      focusArea: 'administration-of-justice',
      evidence: [],
    });
    const withdrawn = await api<RecommendationBody>('PATCH', `/recommendations/${own.id}`, { withdrawn: true });
    expect(withdrawn.body.withdrawn).toBe(true);
    expect((await list('?source=organisation&limit=200')).items.map((i) => i.id)).not.toContain(own.id);
    expect((await list('?withdrawn=true')).items.map((i) => i.id)).toContain(own.id);
    expect((await api('DELETE', `/recommendations/${own.id}`)).status).toBe(204);
    expect((await api('GET', `/recommendations/${own.id}`)).status).toBe(404);
    const actions = (
      (await dataSourceOf(rally).query(`SELECT action FROM audit_event WHERE object_id = $1 ORDER BY at, id`, [
        own.id,
      ])) as { action: string }[]
    ).map((r) => r.action);
    expect(actions).toEqual([
      'recommendation.create',
      'recommendation.update',
      'recommendation.update',
      'recommendation.delete',
    ]);
  });

  it('refuses a code used by the organisation or by the Study (409 naming code), not one of another organisation', async () => {
    await create({ code: 'CRC-DUP' });
    const again = await api('POST', '/recommendations', aRecommendationBody({ code: 'CRC-DUP' }));
    expect([again.status, again.body.error, Object.keys(again.body.fields ?? {})]).toEqual([
      409,
      'recommendation_code_taken',
      ['code'],
    ]);
    const study = await api('POST', '/recommendations', aRecommendationBody({ code: 'MIG-1' }));
    expect([study.status, study.body.fields?.code]).toEqual([409, ["is a code of the Study's catalogue"]]);
    const other = await createOrgWithMember(rally, { role: Role.Campaigner });
    await create({ code: 'CRC-DUP' }, staffApi(rally, other));
    const mine = await create({ code: 'CRC-DUP-2' });
    const renamed = await api('PATCH', `/recommendations/${mine.id}`, { code: 'CRC-DUP' });
    expect([renamed.status, Object.keys(renamed.body.fields ?? {})]).toEqual([409, ['code']]);
  });

  it.each([
    ['code', { code: 'has spaces' }],
    ['code', { code: '' }],
    ['code', { code: null }],
    ['focusArea', { focusArea: 'space' }],
    ['focusArea', { focusArea: undefined }],
    ['title', { title: '' }],
    ['title', { title: '   ' }],
    ['title', { title: 'x'.repeat(301) }],
    ['title', { title: 12 }],
    ['summary', { summary: null }],
    ['sourceLabel', { sourceLabel: undefined }],
    ['sourceLabel', { sourceLabel: '  ' }],
    ['sourceReference', { sourceReference: 'x'.repeat(301) }],
    ['evidence', { evidence: 'https://example.org' }],
    ['evidence.0.url', { evidence: [{ url: 'javascript:alert(1)', supports: 'x' }] }],
    ['evidence.0.supports', { evidence: [{ url: 'https://example.org' }] }],
    ['verification', { verification: 'primary' }],
  ])('answers 422 naming %s for an invalid create', async (field, overrides) => {
    const body = aRecommendationBody(overrides);
    for (const [k, v] of Object.entries(overrides)) if (v === undefined) delete body[k];
    const res = await api('POST', '/recommendations', body);
    expect([res.status, Object.keys(res.body.fields ?? {})]).toEqual([422, [field]]);
  });

  it.each([
    ['title', { title: null }],
    ['focusArea', { focusArea: 'everywhere' }],
    ['withdrawn', { withdrawn: 'yes' }],
    ['sourceLabel', { sourceLabel: '' }],
  ])('answers 422 naming %s for an invalid update', async (field, body) => {
    const own = await create();
    const res = await api('PATCH', `/recommendations/${own.id}`, body);
    expect([res.status, Object.keys(res.body.fields ?? {})]).toEqual([422, [field]]);
  });

  it.each([
    ['focusArea', '?focusArea=space'],
    ['source', '?source=ngo'],
    ['verification', '?verification=maybe'],
    ['withdrawn', '?withdrawn=maybe'],
    ['limit', '?limit=0'],
  ])('answers 422 naming %s for an invalid list filter', async (field, query) => {
    const res = await api('GET', `/recommendations${query}`);
    expect([res.status, Object.keys(res.body.fields ?? {})]).toEqual([422, [field]]);
  });

  it("hides another organisation's rows: 404 for get, edit and delete, absent from lists", async () => {
    const other = await createOrgWithMember(rally, { role: Role.Admin });
    const theirs = await create({ code: 'THEIRS-1', title: 'Only for the other organisation' }, staffApi(rally, other));
    expect((await api('GET', `/recommendations/${theirs.id}`)).status).toBe(404);
    expect((await api('PATCH', `/recommendations/${theirs.id}`, { title: 'x' })).status).toBe(404);
    expect((await api('DELETE', `/recommendations/${theirs.id}`)).status).toBe(404);
    expect((await list('?q=THEIRS-1')).total).toBe(0);
    expect((await staffApi(rally, other)('GET', `/recommendations/${theirs.id}`)).status).toBe(200);
  });

  it('lets every member read and coordinators, campaigners and admins write', async () => {
    for (const role of [Role.Coordinator, Role.Campaigner]) {
      const member = staffApi(rally, await addMember(rally, admin.organisation, { role }));
      expect((await member('GET', '/recommendations')).status).toBe(200);
      await create({}, member);
    }
  });
});
