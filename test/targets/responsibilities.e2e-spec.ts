import { Role } from '#rally/access';
import type { StaffHandle } from '#rally-testing/organisations';
import { createOrgWithMember, dataSourceOf } from '#rally-testing/organisations';
import { aTarget } from '#rally-testing/targets';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import type { PageBody, StaffApi } from './target-helpers.js';
import { staffApi } from './target-helpers.js';

interface ResponsibilityBody {
  id: string;
  targetId: string;
  targetName: string;
  focusArea: string;
  recommendationCode: string | null;
  validFrom: string;
  validUntil: string | null;
  note: string;
}

describe('effective-dated responsibilities', () => {
  let rally: RallyHarness;
  let admin: StaffHandle;
  let api: StaffApi;
  let justice: string;
  let interior: string;
  let solidarity: string;
  beforeAll(async () => {
    rally = await startRally({ worker: false });
    admin = await createOrgWithMember(rally, { role: Role.Campaigner });
    api = staffApi(rally, admin);
    justice = (await aTarget(rally, admin, { kind: 'ministry', name: 'Ministry of Justice' })).id;
    interior = (await aTarget(rally, admin, { kind: 'ministry', name: 'Ministry of the Interior' })).id;
    solidarity = (await aTarget(rally, admin, { kind: 'ministry', name: 'Ministry of Solidarity' })).id;
  });
  afterAll(() => rally.close());

  const assign = async (body: Record<string, unknown>): Promise<ResponsibilityBody> => {
    const res = await api<ResponsibilityBody>('POST', '/responsibilities', {
      country: 'FR',
      focusArea: 'migration',
      ...body,
    });
    expect([res.status, res.body]).toEqual([201, expect.anything()]);
    return res.body;
  };
  const holders = async (query: string): Promise<string[]> => {
    const res = await api<PageBody<ResponsibilityBody>>('GET', `/responsibilities?${query}`);
    expect(res.status).toBe(200);
    return res.body.items.map((r) => r.targetName).sort();
  };

  it('follows a reshuffle: the old holder ends the day before, both rows stay in the history', async () => {
    const first = await assign({ targetId: justice, validFrom: '2026-01-01', note: 'Since the 2025 decree' });
    expect(first).toMatchObject({ targetName: 'Ministry of Justice', validUntil: null, recommendationCode: null });
    const second = await assign({ targetId: interior, validFrom: '2026-06-01', replace: true });

    const on = (day: string) => holders(`country=FR&focusArea=migration&on=${day}`);
    expect(await on('2026-03-15')).toEqual(['Ministry of Justice']);
    expect(await on('2026-05-31')).toEqual(['Ministry of Justice']);
    expect(await on('2026-06-01')).toEqual(['Ministry of the Interior']);
    expect(await on('2025-12-31')).toEqual([]);

    const timeline = await api<PageBody<ResponsibilityBody>>('GET', '/responsibilities?country=FR&focusArea=migration');
    expect(timeline.body.items.map((r) => [r.targetName, r.validFrom, r.validUntil])).toEqual([
      ['Ministry of the Interior', '2026-06-01', null],
      ['Ministry of Justice', '2026-01-01', '2026-05-31'],
    ]);
    const actions = (await dataSourceOf(rally).query(
      `SELECT action, object_id, details FROM audit_event WHERE object_type = 'responsibility' ORDER BY at, id`,
    )) as { action: string; object_id: string; details: Record<string, unknown> }[];
    // One transaction stamps the end and the create with the same time: compare without their order.
    expect(actions.map((a) => `${a.action} ${a.object_id}`).sort()).toEqual(
      [
        `responsibility.create ${first.id}`,
        `responsibility.create ${second.id}`,
        `responsibility.end ${first.id}`,
      ].sort(),
    );
    expect(actions.find((a) => a.object_id === second.id)?.details).toMatchObject({ replaced: [first.id] });
    expect(actions.find((a) => a.action === 'responsibility.end')?.details).toEqual({ replacedBy: second.id });
  });

  it('keeps both holders without replace (shared responsibility), per recommendation apart from the area', async () => {
    await assign({ targetId: solidarity, validFrom: '2026-07-01' });
    expect(await holders('country=FR&focusArea=migration&on=2026-07-15')).toEqual([
      'Ministry of Solidarity',
      'Ministry of the Interior',
    ]);
    // A reshuffle of one recommendation leaves the focus-area-wide holders alone.
    await assign({ targetId: justice, recommendationCode: 'MIG-4', validFrom: '2026-08-01', replace: true });
    expect(await holders('country=FR&focusArea=migration&on=2026-08-01')).toEqual([
      'Ministry of Justice',
      'Ministry of Solidarity',
      'Ministry of the Interior',
    ]);
    expect(await holders('country=FR&focusArea=migration&recommendationCode=MIG-4')).toEqual(['Ministry of Justice']);
    expect(await holders('country=ES')).toEqual([]);
  });

  it('refuses a replace whose predecessor starts the same day (409 naming validFrom)', async () => {
    await assign({ targetId: justice, focusArea: 'institutions', validFrom: '2026-02-01' });
    const res = await api('POST', '/responsibilities', {
      targetId: interior,
      country: 'FR',
      focusArea: 'institutions',
      validFrom: '2026-02-01',
      replace: true,
    });
    expect([res.status, res.body.error, Object.keys(res.body.fields ?? {})]).toEqual([
      409,
      'responsibility_replace_same_day',
      ['validFrom'],
    ]);
    expect(await holders('country=FR&focusArea=institutions')).toEqual(['Ministry of Justice']);
  });

  it('ends, reopens, annotates and deletes a row; lists one target’s rows, paged', async () => {
    const row = await assign({ targetId: solidarity, focusArea: 'armed-conflict', validFrom: '2026-01-01' });
    const ended = await api<ResponsibilityBody>('PATCH', `/responsibilities/${row.id}`, { validUntil: '2026-01-01' });
    expect([ended.status, ended.body.validUntil]).toEqual([200, '2026-01-01']);
    const reopened = await api<ResponsibilityBody>('PATCH', `/responsibilities/${row.id}`, {
      validUntil: null,
      note: 'Ended by mistake',
    });
    expect([reopened.body.validUntil, reopened.body.note]).toEqual([null, 'Ended by mistake']);

    const page = await api<PageBody<ResponsibilityBody>>('GET', `/targets/${solidarity}/responsibilities?limit=1`);
    expect([page.status, page.body.total, page.body.items.map((r) => r.focusArea)]).toEqual([200, 2, ['migration']]);
    expect((await api('DELETE', `/responsibilities/${row.id}`)).status).toBe(204);
    expect((await api('PATCH', `/responsibilities/${row.id}`, { note: 'x' })).status).toBe(404);
    const left = await api<PageBody<ResponsibilityBody>>('GET', `/targets/${solidarity}/responsibilities`);
    expect(left.body.items.map((r) => r.id)).not.toContain(row.id);
    expect(left.body.total).toBe(1);
  });

  it("refuses another organisation's target in the body as a missing one", async () => {
    const other = await createOrgWithMember(rally, { role: Role.Admin });
    const theirs = await aTarget(rally, other);
    const res = await api('POST', '/responsibilities', {
      targetId: theirs.id,
      country: 'FR',
      focusArea: 'migration',
      validFrom: '2026-01-01',
    });
    expect([res.status, res.body.error]).toEqual([404, 'target_not_found']);
  });
});
