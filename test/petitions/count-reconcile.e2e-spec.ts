import { DataSource } from 'typeorm';
import { Role } from '#rally/access';
import { aPetition, aSignForm } from '#rally-testing/petitions';
import type { StaffHandle } from '#rally-testing/organisations';
import { createOrgWithMember } from '#rally-testing/organisations';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import { waitUntil } from '../support/processes.js';
import { confirmLink, pressConfirm, mailsTo, postForm, publicCount, waitForCount } from './petition-helpers.js';

interface Report {
  total: number;
  online: number;
  paper: number;
  byRegion: { region: string; count: number }[];
  byCountry: { country: string; count: number }[];
}

describe('count reconcile: drifted petition counts are repaired from the rows on schedule', () => {
  let rally: RallyHarness;
  let staff: StaffHandle;
  let otherOrg: StaffHandle;
  let db: DataSource;
  beforeAll(async () => {
    rally = await startRally({
      env: {
        SIGN_RATE_IP_PER_MINUTE: '10000',
        SIGN_RATE_IP_PER_HOUR: '10000',
        SIGNATURE_MAIL_POLL_MS: '200',
        PETITION_COUNT_FLUSH_MS: '200',
        PETITION_COUNT_CACHE_MS: '200',
        PETITION_COUNT_RECONCILE_SECONDS: '2',
      },
    });
    staff = await createOrgWithMember(rally, { role: Role.Campaigner });
    otherOrg = await createOrgWithMember(rally, { role: Role.Campaigner });
    db = rally.api.get(DataSource);
  });
  afterAll(() => rally.close());

  const signAndConfirm = async (slug: string, form: Record<string, string>): Promise<void> => {
    expect((await postForm(rally, slug, form)).status).toBe(303);
    expect((await pressConfirm(confirmLink((await mailsTo(rally, form.email, 1))[0]))).status).toBe(303);
  };
  const report = async (who: StaffHandle, petitionId: string): Promise<Report> =>
    (
      await fetch(`${rally.baseUrl}/api/orgs/${who.organisation.slug}/petitions/${petitionId}/counts`, {
        headers: who.bearer(),
      })
    ).json() as Promise<Report>;
  /** What the counts must be, straight from the rows: confirmed signatures (online) and paper batches, apart. */
  const truth = async (petitionId: string) => {
    const [{ online, paper }] = (await db.query(
      `SELECT (SELECT count(*) FROM signatures WHERE petition_id = $1 AND status = 'confirmed')::int AS online,
              (SELECT COALESCE(sum(count), 0) FROM paper_signature_batches WHERE petition_id = $1)::int AS paper`,
      [petitionId],
    )) as { online: number; paper: number }[];
    return { online, paper };
  };
  const served = async (petitionId: string) =>
    (await db.query(`SELECT online, paper, organization_id FROM petition_counts WHERE petition_id = $1`, [
      petitionId,
    ])) as { online: number; paper: number; organization_id: string }[];

  it('rewrites corrupted totals and area counts to the confirmed rows (online and paper apart), including increments folded after the corruption', async () => {
    const petition = await aPetition(rally, staff);
    const theirs = await aPetition(rally, otherOrg);
    await signAndConfirm(petition.slug, aSignForm({ country: 'FR', region: 'Bretagne' }));
    await signAndConfirm(petition.slug, aSignForm({ country: 'FR', region: 'Bretagne' }));
    await signAndConfirm(petition.slug, aSignForm({ country: 'ES', region: '' }));
    await postForm(rally, petition.slug, aSignForm({ country: 'FR', region: 'Bretagne' })); // pending: never counted
    await signAndConfirm(theirs.slug, aSignForm({ country: 'FR', region: 'Bretagne' }));
    const paper = await fetch(
      `${rally.baseUrl}/api/orgs/${staff.organisation.slug}/petitions/${petition.id}/paper-signatures`,
      {
        method: 'POST',
        headers: { ...staff.bearer(), 'content-type': 'application/json' },
        body: JSON.stringify({ count: 7, sourceNote: 'Market stall' }),
      },
    );
    expect(paper.status).toBe(201);
    await waitForCount(rally, petition.slug, 10);
    await waitForCount(rally, theirs.slug, 1);
    expect(await truth(petition.id)).toEqual({ online: 3, paper: 7 });

    // Drift of every kind: totals wrong both ways, a region inflated, a country row lost, a region invented, a row gone.
    await db.query(`UPDATE petition_counts SET online = 1000, paper = 0, updated_at = now() WHERE petition_id = $1`, [
      petition.id,
    ]);
    await db.query(
      `UPDATE petition_area_counts SET count = 50 WHERE petition_id = $1 AND kind = 'region' AND code = 'Bretagne'`,
      [petition.id],
    );
    await db.query(`DELETE FROM petition_area_counts WHERE petition_id = $1 AND kind = 'country' AND code = 'ES'`, [
      petition.id,
    ]);
    await db.query(
      `INSERT INTO petition_area_counts (petition_id, kind, code, organization_id, count) VALUES ($1, 'region', 'Nowhere', $2, 5)`,
      [petition.id, staff.organisation.id],
    );
    await db.query(`DELETE FROM petition_counts WHERE petition_id = $1`, [theirs.id]);
    // One more confirmation lands on top of the wrong total: the flush adds to it, the reconcile must still end exact.
    await signAndConfirm(petition.slug, aSignForm({ country: 'ES', region: 'Catalunya' }));

    await waitUntil(
      async () => (await report(staff, petition.id)).online === 4 && (await served(theirs.id)).length === 1,
      15_000,
      200,
    );
    expect(await truth(petition.id)).toEqual({ online: 4, paper: 7 });
    expect(await report(staff, petition.id)).toEqual({
      total: 11,
      online: 4,
      paper: 7,
      byRegion: [
        { region: 'Bretagne', count: 2 },
        { region: 'Catalunya', count: 1 },
      ],
      byCountry: [
        { country: 'ES', count: 2 },
        { country: 'FR', count: 2 },
      ],
    });
    expect(await served(theirs.id)).toEqual([{ online: 1, paper: 0, organization_id: otherOrg.organisation.id }]);
    expect(await report(otherOrg, theirs.id)).toEqual({
      total: 1,
      online: 1,
      paper: 0,
      byRegion: [{ region: 'Bretagne', count: 1 }],
      byCountry: [{ country: 'FR', count: 1 }],
    });
    // The public count follows the repaired row.
    await waitForCount(rally, petition.slug, 11);
    expect(await publicCount(rally, petition.slug)).toMatchObject({ count: 11, online: 4, paper: 7 });
  });
});
