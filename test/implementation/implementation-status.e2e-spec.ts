import { Role } from '#rally/access';
import { ManualClock } from '#rally-testing/core';
import { aStatusChangeBody, studyRecommendationId } from '#rally-testing/implementation';
import type { StaffHandle } from '#rally-testing/organisations';
import { addMember, createOrgWithMember, dataSourceOf } from '#rally-testing/organisations';
import { aRecommendation } from '#rally-testing/recommendations';
import { aResponsibility, aTarget } from '#rally-testing/targets';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import type { StaffApi } from '../support/staff-api.js';
import { staffApi } from '../support/staff-api.js';

interface State {
  status: string;
  evidence: { url: string; supports: string }[];
  evidenceSummary: string;
  evidenceDate: string | null;
  lastVerified: string | null;
  note: string;
}
interface Proposal {
  id: string;
  state: string;
  proposedBy: { userId: string | null; tokenId: string | null; name: string };
  proposed: State;
}
interface Status extends State {
  country: string;
  version: number;
  recommendation: { id: string; code: string; focusArea: string | null };
  responsible: { targetId: string; targetName: string; forRecommendation: boolean }[];
  pendingProposal: Proposal | null;
}
interface Detail extends Status {
  history: {
    event: string;
    before: State | null;
    after: State;
    actor: { userId: string | null; tokenId: string | null; name: string };
    proposalId: string | null;
    at: string;
  }[];
}
interface Change {
  applied: boolean;
  current: Status;
  proposal: Proposal | null;
}
interface PageBody<T> {
  items: T[];
  total: number;
}

describe('implementation status staff API', () => {
  let rally: RallyHarness;
  const clock = new ManualClock('2027-03-10T09:00:00Z');
  let admin: StaffHandle;
  let coordinator: StaffHandle;
  let campaigner: StaffHandle;
  let api: StaffApi;
  let asCoordinator: StaffApi;
  let mig1: string;

  beforeAll(async () => {
    rally = await startRally({ worker: false, clock });
    admin = await createOrgWithMember(rally, { role: Role.Admin });
    coordinator = await addMember(rally, admin.organisation, { role: Role.Coordinator });
    campaigner = await addMember(rally, admin.organisation, { role: Role.Campaigner });
    api = staffApi(rally, admin);
    asCoordinator = staffApi(rally, coordinator);
    mig1 = await studyRecommendationId(rally, admin, 'MIG-1');
  });
  afterAll(() => rally.close());

  const detail = async (id: string, country = 'FR', as = api): Promise<Detail> => {
    const res = await as<Detail>('GET', `/implementation/statuses/${id}?country=${country}`);
    expect([res.status, res.body.error]).toEqual([200, undefined]);
    return res.body;
  };

  it('shows every recommendation of the catalogue as unknown before anything is set', async () => {
    const board = await api<PageBody<Status>>('GET', '/implementation/statuses?country=DE&limit=200');
    expect(board.status).toBe(200);
    expect(board.body.total).toBeGreaterThanOrEqual(26);
    expect(new Set(board.body.items.map((i) => i.status))).toEqual(new Set(['unknown']));
    expect(board.body.items.every((i) => i.version === 0 && i.pendingProposal === null)).toBe(true);
  });

  it('applies a change at once with the rule off, and keeps a complete history with the audit log', async () => {
    const first = await asCoordinator<Change>('PATCH', `/implementation/statuses/${mig1}`, aStatusChangeBody());
    expect([first.status, first.body.applied, first.body.current.status, first.body.current.version]).toEqual([
      200,
      true,
      'in-progress',
      1,
    ]);
    clock.advance(60_000);
    const second = await api<Change>('PATCH', `/implementation/statuses/${mig1}`, {
      country: 'FR',
      status: 'partially-implemented',
      note: '  One pilot running.  ',
      baseVersion: 1,
    });
    expect(second.status).toBe(200);
    const d = await detail(mig1);
    // Fields not sent keep their value; text is trimmed.
    expect(d).toMatchObject({
      status: 'partially-implemented',
      note: 'One pilot running.',
      evidenceDate: '2027-02-15',
      lastVerified: '2027-03-01',
      version: 2,
    });
    expect(d.evidence).toEqual([
      { url: 'https://www.legifrance.gouv.fr/budget-2027', supports: 'funds two alternatives-to-detention pilots' },
    ]);
    expect(d.history.map((h) => [h.event, h.before?.status ?? null, h.after.status, h.actor.tokenId])).toEqual([
      ['changed', null, 'in-progress', coordinator.tokenId],
      ['changed', 'in-progress', 'partially-implemented', admin.tokenId],
    ]);
    expect(d.history.map((h) => h.at)).toEqual(['2027-03-10T09:00:00.000Z', '2027-03-10T09:01:00.000Z']);
    // Sending the current state again records nothing.
    await api('PATCH', `/implementation/statuses/${mig1}`, { country: 'FR', status: 'partially-implemented' });
    expect((await detail(mig1)).history).toHaveLength(2);
    // Other countries stay apart.
    expect((await detail(mig1, 'BE')).status).toBe('unknown');
    const audit = await dataSourceOf(rally).query(
      `SELECT action, details->>'status' AS status FROM audit_event WHERE organization_id = $1 AND object_id = $2 ORDER BY at, id`,
      [admin.organisation.id, mig1],
    );
    expect(audit).toEqual([
      { action: 'implementation.change', status: 'in-progress' },
      { action: 'implementation.change', status: 'partially-implemented' },
    ]);
  });

  it('refuses to update or delete history rows (append-only in the database)', async () => {
    const db = dataSourceOf(rally);
    await expect(db.query(`UPDATE implementation_history SET comment = 'x'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM implementation_history`)).rejects.toThrow(/append-only/);
  });

  it('answers 409 for a stale baseVersion', async () => {
    const res = await api('PATCH', `/implementation/statuses/${mig1}`, aStatusChangeBody({ baseVersion: 1 }));
    expect([res.status, res.body.error, Object.keys(res.body.fields ?? {})]).toEqual([
      409,
      'implementation_status_changed',
      ['baseVersion'],
    ]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['country', { country: 'fr' }],
    ['country', { country: 'XX' }],
    ['country', { country: undefined }],
    ['status', { status: 'done' }],
    ['status', { status: null }],
    ['evidence', { evidence: 'https://example.org' }],
    ['evidence', { evidence: null }],
    ['evidence.0.url', { evidence: [{ url: 'javascript:alert(1)', supports: 'x' }] }],
    ['evidence.0.supports', { evidence: [{ url: 'https://example.org/a' }] }],
    ['evidenceSummary', { evidenceSummary: 'x'.repeat(5_001) }],
    ['evidenceSummary', { evidenceSummary: null }],
    ['evidenceDate', { evidenceDate: '2027-02-30' }],
    ['lastVerified', { lastVerified: 'yesterday' }],
    ['note', { note: null }],
    ['note', { note: 42 }],
    ['baseVersion', { baseVersion: -1 }],
    ['comment', { comment: 'x'.repeat(2_001) }],
  ])('answers 422 naming %s (case %#)', async (field, overrides) => {
    const res = await api('PATCH', `/implementation/statuses/${mig1}`, aStatusChangeBody(overrides));
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.fields ?? {})).toContain(field);
  });

  it('answers 422 naming the field for bad queries and settings', async () => {
    for (const [path, field] of [
      ['/implementation/statuses', 'country'],
      ['/implementation/statuses?country=FR&status=done', 'status'],
      ['/implementation/statuses?country=FR&focusArea=space', 'focusArea'],
      ['/implementation/statuses?country=FR&pending=maybe', 'pending'],
      ['/implementation/statuses?country=FR&on=2027-13-01', 'on'],
      [`/implementation/statuses?country=FR&codes=${'X'.repeat(41)}`, 'codes'],
      [
        `/implementation/statuses?country=FR&codes=${Array.from({ length: 101 }, (_, i) => `C-${i}`).join(',')}`,
        'codes',
      ],
      [`/implementation/statuses/${mig1}`, 'country'],
      [`/implementation/statuses/${mig1}?country=ZZ`, 'country'],
      ['/implementation/proposals?country=france', 'country'],
      ['/implementation/summary', 'country'],
    ] as const) {
      const res = await api('GET', path);
      expect([path, res.status, Object.keys(res.body.fields ?? {})]).toEqual([path, 422, [field]]);
    }
    const settings = await api('PUT', '/implementation/settings', { secondReviewer: 'yes' });
    expect([settings.status, Object.keys(settings.body.fields ?? {})]).toEqual([422, ['secondReviewer']]);
  });

  it('reads the responsible ministry from the responsibility table on the day, preferring one named for the recommendation', async () => {
    const interior = await aTarget(rally, admin, { name: 'Ministry of the Interior' });
    const justice = await aTarget(rally, admin, { name: 'Ministry of Justice' });
    await aResponsibility(rally, admin, { targetId: interior.id, focusArea: 'migration', validFrom: '2027-01-01' });
    const mig2 = await studyRecommendationId(rally, admin, 'MIG-2');
    await aResponsibility(rally, admin, {
      targetId: justice.id,
      focusArea: 'migration',
      recommendationCode: 'MIG-2',
      validFrom: '2027-03-01',
    });
    expect((await detail(mig1)).responsible).toEqual([
      { targetId: interior.id, targetName: 'Ministry of the Interior', forRecommendation: false },
    ]);
    expect((await detail(mig2)).responsible).toEqual([
      { targetId: justice.id, targetName: 'Ministry of Justice', forRecommendation: true },
    ]);
    const before = await api<Detail>('GET', `/implementation/statuses/${mig2}?country=FR&on=2027-02-01`);
    expect(before.body.responsible.map((r) => r.targetName)).toEqual(['Ministry of the Interior']);
    expect((await detail(mig1, 'BE')).responsible).toEqual([]);
  });

  it("counts 'today' for the responsible ministry in the organisation's time zone, not in UTC", async () => {
    // 2027-03-10 12:00 UTC is already 01:00 on the 11th in Auckland (UTC+13 until April).
    const auckland = await createOrgWithMember(rally, {
      role: Role.Admin,
      organisation: { timeZone: 'Pacific/Auckland', country: 'NZ' },
    });
    const nz = staffApi(rally, auckland);
    const outgoing = await aTarget(rally, auckland, { name: 'Outgoing Minister', country: 'NZ' });
    const incoming = await aTarget(rally, auckland, { name: 'Incoming Minister', country: 'NZ' });
    const shared = { focusArea: 'migration' as const, country: 'NZ' };
    await aResponsibility(rally, auckland, {
      ...shared,
      targetId: outgoing.id,
      validFrom: '2027-01-01',
      validUntil: '2027-03-10',
    });
    await aResponsibility(rally, auckland, { ...shared, targetId: incoming.id, validFrom: '2027-03-11' });
    const id = await studyRecommendationId(rally, auckland, 'MIG-1');
    const saved = clock.now();
    try {
      clock.set('2027-03-10T12:00:00Z');
      expect((await detail(id, 'NZ', nz)).responsible.map((r) => r.targetName)).toEqual(['Incoming Minister']);
      clock.set('2027-03-10T10:00:00Z'); // 23:00 on the 10th in Auckland
      expect((await detail(id, 'NZ', nz)).responsible.map((r) => r.targetName)).toEqual(['Outgoing Minister']);
    } finally {
      clock.set(saved);
    }
  });

  it('filters the board by focus area and status, and pages', async () => {
    const migration = await api<PageBody<Status>>('GET', '/implementation/statuses?country=FR&focusArea=migration');
    expect(migration.body.items.map((i) => i.recommendation.code)).toEqual([
      'MIG-1',
      'MIG-2',
      'MIG-3',
      'MIG-4',
      'MIG-5',
    ]);
    const partial = await api<PageBody<Status>>(
      'GET',
      '/implementation/statuses?country=FR&status=partially-implemented',
    );
    expect(partial.body.items.map((i) => i.recommendation.id)).toEqual([mig1]);
    const unknown = await api<PageBody<Status>>(
      'GET',
      '/implementation/statuses?country=FR&status=unknown&limit=3&offset=1',
    );
    const all = await api<PageBody<Status>>('GET', '/implementation/statuses?country=FR');
    // MIG-1 is the only one set in FR so far.
    expect([unknown.body.items.length, unknown.body.total]).toEqual([3, all.body.total - 1]);
    expect(unknown.body.items.every((i) => i.status === 'unknown')).toBe(true);
    // At a glance, focus areas by status: MIG-1 is the only one set in FR so far.
    const summary = await api<{
      country: string;
      areas: { focusArea: string; total: number; counts: { status: string; count: number }[] }[];
    }>('GET', '/implementation/summary?country=FR');
    const migrationArea = summary.body.areas.find((a) => a.focusArea === 'migration')!;
    expect([summary.status, summary.body.country, migrationArea.total]).toEqual([200, 'FR', 5]);
    expect(migrationArea.counts.filter((c) => c.count > 0)).toEqual([
      { status: 'unknown', count: 4 },
      { status: 'partially-implemented', count: 1 },
    ]);
    expect(summary.body.areas.map((a) => a.focusArea)[0]).toBe('overarching');
    expect(summary.body.areas.reduce((n, a) => n + a.total, 0)).toBe(all.body.total);
    // A campaign's dashboard asks for the codes its letters cite, in the catalogue's order whatever the order asked.
    const cited = await api<PageBody<Status>>('GET', '/implementation/statuses?country=FR&codes=MIG-2, MIG-1,NOPE');
    expect(cited.body.items.map((i) => [i.recommendation.code, i.status])).toEqual([
      ['MIG-1', 'partially-implemented'],
      ['MIG-2', 'unknown'],
    ]);
  });

  it('lets campaigners read but not change, and only admins switch the rule', async () => {
    const asCampaigner = staffApi(rally, campaigner);
    expect((await asCampaigner('GET', `/implementation/statuses/${mig1}?country=FR`)).status).toBe(200);
    expect((await asCampaigner('PATCH', `/implementation/statuses/${mig1}`, aStatusChangeBody())).status).toBe(403);
    expect((await asCoordinator('PUT', '/implementation/settings', { secondReviewer: true })).status).toBe(403);
  });

  it("answers 404 for another organisation's recommendation and proposal", async () => {
    const other = await createOrgWithMember(rally, { role: Role.Admin });
    const theirs = await aRecommendation(rally, other);
    const asOther = staffApi(rally, other);
    await asOther('PUT', '/implementation/settings', { secondReviewer: true });
    const proposed = await asOther<Change>('PATCH', `/implementation/statuses/${theirs.id}`, aStatusChangeBody());
    expect(proposed.body.applied).toBe(false);
    const proposalId = proposed.body.proposal?.id as string;
    expect((await api('GET', `/implementation/statuses/${theirs.id}?country=FR`)).status).toBe(404);
    expect((await api('PATCH', `/implementation/statuses/${theirs.id}`, aStatusChangeBody())).status).toBe(404);
    expect((await api('POST', `/implementation/proposals/${proposalId}/approve`, {})).status).toBe(404);
    expect((await api('POST', `/implementation/proposals/${proposalId}/reject`, {})).status).toBe(404);
    expect(
      (await api<PageBody<Proposal>>('GET', '/implementation/proposals')).body.items.map((p) => p.id),
    ).not.toContain(proposalId);
    // Their status on a Study recommendation is theirs alone.
    await asOther('PUT', '/implementation/settings', { secondReviewer: false });
    await asOther(
      'PATCH',
      `/implementation/statuses/${mig1}`,
      aStatusChangeBody({ country: 'ES', status: 'implemented' }),
    );
    expect((await detail(mig1, 'ES')).status).toBe('unknown');
  });

  describe('with the second-reviewer rule on', () => {
    let second: StaffHandle;
    let mig3: string;
    beforeAll(async () => {
      second = await addMember(rally, admin.organisation, { role: Role.Coordinator });
      mig3 = await studyRecommendationId(rally, admin, 'MIG-3');
      const on = await api('PUT', '/implementation/settings', { secondReviewer: true });
      expect([on.status, on.body]).toEqual([200, { secondReviewer: true }]);
    });
    afterAll(async () => {
      await api('PUT', '/implementation/settings', { secondReviewer: false });
    });

    it('records a change as a proposal; the proposer cannot approve it, another member can', async () => {
      const proposed = await asCoordinator<Change>(
        'PATCH',
        `/implementation/statuses/${mig3}`,
        aStatusChangeBody({ status: 'implemented', comment: 'Law adopted' }),
      );
      expect([proposed.status, proposed.body.applied, proposed.body.current.status]).toEqual([200, false, 'unknown']);
      const proposalId = proposed.body.proposal?.id as string;
      expect(proposed.body.proposal).toMatchObject({ state: 'pending', proposedBy: { tokenId: coordinator.tokenId } });

      const pendingBoard = await api<PageBody<Status>>('GET', '/implementation/statuses?country=FR&pending=true');
      expect(pendingBoard.body.items.map((i) => i.recommendation.id)).toEqual([mig3]);
      const queue = await api<PageBody<Proposal>>('GET', '/implementation/proposals?country=FR');
      expect(queue.body.items.map((p) => p.id)).toEqual([proposalId]);

      // One pending at a time.
      const again = await api('PATCH', `/implementation/statuses/${mig3}`, aStatusChangeBody({ status: 'regressed' }));
      expect([again.status, again.body.error]).toEqual([409, 'implementation_proposal_pending']);

      const own = await asCoordinator('POST', `/implementation/proposals/${proposalId}/approve`, {});
      expect([own.status, own.body.error]).toEqual([403, 'implementation_own_proposal']);
      const ownReject = await asCoordinator('POST', `/implementation/proposals/${proposalId}/reject`, {});
      expect([ownReject.status, ownReject.body.error]).toEqual([403, 'implementation_own_proposal']);
      expect(
        (await staffApi(rally, campaigner)('POST', `/implementation/proposals/${proposalId}/approve`, {})).status,
      ).toBe(403);
      expect((await detail(mig3)).status).toBe('unknown');

      clock.advance(3_600_000);
      const approved = await staffApi(rally, second)<Status>(
        'POST',
        `/implementation/proposals/${proposalId}/approve`,
        {
          comment: 'Checked the gazette',
        },
      );
      expect([approved.status, approved.body.status, approved.body.version, approved.body.pendingProposal]).toEqual([
        200,
        'implemented',
        1,
        null,
      ]);
      const twice = await api('POST', `/implementation/proposals/${proposalId}/approve`, {});
      expect([twice.status, twice.body.error]).toEqual([409, 'implementation_proposal_decided']);

      const d = await detail(mig3);
      expect(d.history.map((h) => [h.event, h.actor.tokenId, h.proposalId, h.after.status])).toEqual([
        ['proposed', coordinator.tokenId, proposalId, 'implemented'],
        ['approved', second.tokenId, proposalId, 'implemented'],
      ]);
    });

    it('keeps the status when a proposal is rejected, and records the rejection', async () => {
      const proposed = await staffApi(rally, second)<Change>(
        'PATCH',
        `/implementation/statuses/${mig3}`,
        aStatusChangeBody({ status: 'regressed' }),
      );
      const proposalId = proposed.body.proposal?.id as string;
      const rejected = await asCoordinator<Status>('POST', `/implementation/proposals/${proposalId}/reject`, {
        comment: 'No source',
      });
      expect([rejected.status, rejected.body.status]).toEqual([200, 'implemented']);
      const d = await detail(mig3);
      expect(d.history.map((h) => h.event)).toEqual(['proposed', 'approved', 'proposed', 'rejected']);
      expect(d.history.at(-1)).toMatchObject({
        actor: { tokenId: coordinator.tokenId },
        after: { status: 'regressed' },
      });
      const audit = await dataSourceOf(rally).query(
        `SELECT action FROM audit_event WHERE organization_id = $1 AND object_id = $2 ORDER BY at, id`,
        [admin.organisation.id, mig3],
      );
      expect(audit.map((a: { action: string }) => a.action)).toEqual([
        'implementation.propose',
        'implementation.approve',
        'implementation.propose',
        'implementation.reject',
      ]);
    });

    it('refuses to approve a proposal made before a change applied meanwhile', async () => {
      const proposed = await asCoordinator<Change>(
        'PATCH',
        `/implementation/statuses/${mig3}`,
        aStatusChangeBody({ status: 'in-progress' }),
      );
      const proposalId = proposed.body.proposal?.id as string;
      // The rule switched off and a direct change applied: approving the old proposal would undo it.
      await api('PUT', '/implementation/settings', { secondReviewer: false });
      await api('PATCH', `/implementation/statuses/${mig3}`, aStatusChangeBody({ status: 'regressed' }));
      await api('PUT', '/implementation/settings', { secondReviewer: true });
      const stale = await staffApi(rally, second)('POST', `/implementation/proposals/${proposalId}/approve`, {});
      expect([stale.status, stale.body.error]).toEqual([409, 'implementation_proposal_stale']);
      expect((await detail(mig3)).status).toBe('regressed');
    });
  });
});
