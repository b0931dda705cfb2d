import { Role } from '#rally/access';
import type { Target } from '#rally/targets';
import { aLetterAction, aStoredLetter } from '#rally-testing/letters';
import type { StaffHandle } from '#rally-testing/organisations';
import { addMember, createOrgWithMember, dataSourceOf } from '#rally-testing/organisations';
import { aCampaign } from '#rally-testing/petitions';
import { aTarget } from '#rally-testing/targets';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import type { StaffApi } from '../support/staff-api.js';
import { staffApi } from '../support/staff-api.js';
import { markSent, sentLetters } from './scoreboard-helpers.js';

interface Row {
  ministry: string;
  country: string;
  waves: number;
  letters: number;
  acknowledgedWaves: number;
  answeredWaves: number;
  responseRate: number;
  acknowledgementRate: number;
  responsesPer100Letters: number;
  medianDaysToAcknowledgement: number | null;
  medianDaysToResponse: number | null;
  supporterReported: { yes: number; acknowledgement: number; no: number; notYet: number; answers: number };
}
interface Board {
  ministries: Row[];
  totals: Row;
}

const NONE = { yes: 0, acknowledgement: 0, no: 0, notYet: 0, answers: 0 };

/**
 * The scoreboard on a fixed dataset whose figures are worked out by hand below: three ministries, one in a country
 * whose weekend is Friday and Saturday, a French holiday, responses that count and responses that must not. Then
 * the rollup follows edits and deletions of responses and of the holiday.
 */
describe('the response-time scoreboard per ministry', () => {
  let rally: RallyHarness;
  let admin: StaffHandle;
  let coordinator: StaffHandle;
  let campaigner: StaffHandle;
  let api: StaffApi;
  let campaignId: string;
  let otherCampaignId: string;
  let justice1: Target;
  let justice2: Target;
  let education: Target;
  let health: Target;
  let holidayId: string;
  const responses: Record<string, string> = {};

  beforeAll(async () => {
    rally = await startRally({ worker: false });
    admin = await createOrgWithMember(rally, { role: Role.Admin });
    coordinator = await addMember(rally, admin.organisation, { role: Role.Coordinator });
    campaigner = await addMember(rally, admin.organisation, { role: Role.Campaigner });
    api = staffApi(rally, coordinator);
    campaignId = await aCampaign(rally, admin);
    otherCampaignId = await aCampaign(rally, admin);
    const a1 = await aLetterAction(rally, admin, { campaignId });
    const a2 = await aLetterAction(rally, admin, { campaignId });
    justice1 = await aTarget(rally, admin, { body: 'Ministry of Justice', country: 'FR' });
    justice2 = await aTarget(rally, admin, { body: 'Ministry of Justice', country: 'FR' });
    education = await aTarget(rally, admin, { body: 'Ministry of Education', country: 'SA', language: 'en' });
    health = await aTarget(rally, admin, { kind: 'ministry', name: 'Ministry of Health', body: '', country: 'FR' });

    // Waves (the organisation is in Europe/Paris; 2027-03-01 is a Monday):
    // W1 a1 -> justice1: 3 letters from Mon 1 March; W2 a1 -> justice2: 1 letter; W3 a2 -> justice1: 2 letters from
    // Wed 3 March; W4 a1 -> education (SA): 2 letters from Thu 4 March; W5 a1 -> health: 1 letter.
    const w1 = await sentLetters(rally, admin, a1.id, justice1.id, 3, '2027-03-01T09:00:00Z');
    await sentLetters(rally, admin, a1.id, justice2.id, 1, '2027-03-01T09:30:00Z');
    await sentLetters(rally, admin, a2.id, justice1.id, 2, '2027-03-03T09:00:00Z');
    await sentLetters(rally, admin, a1.id, education.id, 2, '2027-03-04T08:00:00Z');
    await sentLetters(rally, admin, a1.id, health.id, 1, '2027-03-01T10:00:00Z');
    // Sent again after a soft bounce: still one letter. A test letter goes to the campaigner: none.
    await markSent(rally, [w1[0]!], '2027-03-02T09:00:00Z');
    const test = await aStoredLetter(rally, admin, a1.id, health.id);
    await dataSourceOf(rally).query(`UPDATE letters SET test_mode = true WHERE id = $1`, [test.letterId]);
    await markSent(rally, [test.letterId], '2027-03-01T10:00:00Z');

    // Friday 5 March is a holiday in France, not in Saudi Arabia.
    const holiday = await api<{ id: string }>('POST', '/scoreboard/holidays', {
      country: 'FR',
      day: '2027-03-05',
      name: 'A holiday',
    });
    expect(holiday.status).toBe(201);
    holidayId = holiday.body.id;

    const record = async (name: string, body: Record<string, unknown>): Promise<void> => {
      const res = await api<{ id: string }>('POST', '/responses', {
        channel: 'email',
        summary: name,
        ...body,
      });
      expect(res.status).toBe(201);
      responses[name] = res.body.id;
    };
    // R1 acknowledges for the campaign on Tue 2 March: W1 (W3 started after it).
    await record('R1', { targetId: justice1.id, campaignId, occurredOn: '2027-03-02', stance: 'acknowledged' });
    // R2 answers a letter of a1 on Mon 8 March: W1's substantive response, not W3's.
    await record('R2', {
      targetId: justice1.id,
      occurredOn: '2027-03-08',
      stance: 'committed',
      letterIds: [w1[1]],
    });
    // R3, about no campaign, refuses on Sunday 7 March, a working day in Saudi Arabia: W4.
    await record('R3', { targetId: education.id, occurredOn: '2027-03-07', stance: 'refused' });
    // None of these count: a draft, a "no reply" entry, and a response about another campaign.
    await record('R4', { targetId: justice2.id, occurredOn: '2027-03-02', status: 'draft' });
    await record('R5', { targetId: health.id, occurredOn: '2027-03-09', stance: 'no-reply' });
    await record('R6', {
      targetId: justice1.id,
      campaignId: otherCampaignId,
      occurredOn: '2027-03-10',
      stance: 'partially-committed',
    });
  });
  afterAll(() => rally.close());

  const board = async (query = ''): Promise<Board> => {
    const res = await api<Board>('GET', `/scoreboard${query}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('matches the figures worked out by hand', async () => {
    const { ministries, totals } = await board();
    // Lowest response rate first.
    expect(ministries).toEqual([
      {
        ministry: 'Ministry of Health',
        country: 'FR',
        waves: 1,
        letters: 1,
        acknowledgedWaves: 0,
        answeredWaves: 0,
        responseRate: 0,
        acknowledgementRate: 0,
        responsesPer100Letters: 0,
        medianDaysToAcknowledgement: null,
        medianDaysToResponse: null,
        supporterReported: NONE,
      },
      {
        ministry: 'Ministry of Justice',
        country: 'FR',
        waves: 3,
        letters: 6,
        acknowledgedWaves: 1,
        answeredWaves: 1,
        responseRate: 0.3333,
        acknowledgementRate: 0.3333,
        // R1 and R2 on 6 letters.
        responsesPer100Letters: 33.33,
        // Mon 1 -> Tue 2 March: 1 business day.
        medianDaysToAcknowledgement: 1,
        // Mon 1 -> Mon 8 March: Tue, Wed, Thu (Fri is the holiday), Mon: 4.
        medianDaysToResponse: 4,
        supporterReported: NONE,
      },
      {
        ministry: 'Ministry of Education',
        country: 'SA',
        waves: 1,
        letters: 2,
        acknowledgedWaves: 1,
        answeredWaves: 1,
        responseRate: 1,
        acknowledgementRate: 1,
        responsesPer100Letters: 50,
        // Thu 4 -> Sun 7 March: Friday and Saturday are the weekend, the French holiday is not Saudi: 1.
        medianDaysToAcknowledgement: 1,
        medianDaysToResponse: 1,
        supporterReported: NONE,
      },
    ]);
    expect(totals).toEqual({
      ministry: '',
      country: '',
      waves: 5,
      letters: 9,
      acknowledgedWaves: 2,
      answeredWaves: 2,
      responseRate: 0.4,
      acknowledgementRate: 0.4,
      responsesPer100Letters: 33.33,
      medianDaysToAcknowledgement: 1,
      // The median of 4 and 1.
      medianDaysToResponse: 2.5,
      supporterReported: NONE,
    });
  });

  it('filters by campaign and by country', async () => {
    expect((await board(`?campaignId=${otherCampaignId}`)).ministries).toEqual([]);
    expect((await board(`?campaignId=${otherCampaignId}`)).totals.waves).toBe(0);
    expect((await board(`?campaignId=${campaignId}`)).totals.waves).toBe(5);
    const sa = await board('?country=SA');
    expect(sa.ministries.map((m) => m.ministry)).toEqual(['Ministry of Education']);
    expect(sa.totals.letters).toBe(2);
  });

  it('follows responses as they are edited and deleted, and the holiday table', async () => {
    const justice = async (): Promise<Row> =>
      (await board('?country=FR')).ministries.find((m) => m.ministry === 'Ministry of Justice')!;

    // R2 moves to Tue 9 March: 5 business days.
    expect((await api('PATCH', `/responses/${responses.R2}`, { occurredOn: '2027-03-09' })).status).toBe(200);
    expect((await justice()).medianDaysToResponse).toBe(5);
    // Without R1 the first acknowledgement is R2 itself (a substantive answer acknowledges too).
    expect((await api('DELETE', `/responses/${responses.R1}`)).status).toBe(204);
    expect(await justice()).toMatchObject({ medianDaysToAcknowledgement: 5, responsesPer100Letters: 16.67 });
    // R2 back to a draft: W1 has nothing any more.
    expect((await api('PATCH', `/responses/${responses.R2}`, { status: 'draft' })).status).toBe(200);
    expect(await justice()).toMatchObject({ answeredWaves: 0, medianDaysToResponse: null });
    expect((await api('PATCH', `/responses/${responses.R2}`, { status: 'recorded' })).status).toBe(200);
    // The holiday moves to Monday 8 March, then goes: 5, then 6 business days to Tue 9 March.
    expect((await api('PATCH', `/scoreboard/holidays/${holidayId}`, { day: '2027-03-08' })).status).toBe(200);
    expect((await justice()).medianDaysToResponse).toBe(5);
    expect((await api('DELETE', `/scoreboard/holidays/${holidayId}`)).status).toBe(204);
    expect((await justice()).medianDaysToResponse).toBe(6);
    // A response moved to another target recomputes both targets' waves: R3 (about no campaign, Sun 7 March) now
    // answers W5, which started Mon 1 March in France: Tue to Fri, 4 business days.
    expect((await api('PATCH', `/responses/${responses.R3}`, { targetId: health.id })).status).toBe(200);
    const fr = await board('?country=FR');
    expect(fr.ministries.find((m) => m.ministry === 'Ministry of Health')).toMatchObject({
      answeredWaves: 1,
      medianDaysToResponse: 4,
    });
    expect((await board('?country=SA')).totals.answeredWaves).toBe(0);
  });

  it('keeps holidays: listed, one per day and country, audited', async () => {
    const created = await api<{ id: string }>('POST', '/scoreboard/holidays', { country: 'SA', day: '2027-09-23' });
    expect(created.status).toBe(201);
    const again = await api('POST', '/scoreboard/holidays', { country: 'SA', day: '2027-09-23' });
    expect(again).toMatchObject({ status: 409, body: { error: 'scoreboard_holiday_taken' } });
    const list = await api<{ country: string; day: string; name: string }[]>('GET', '/scoreboard/holidays?country=SA');
    expect(list.body).toEqual([{ id: created.body.id, country: 'SA', day: '2027-09-23', name: '' }]);
    const [{ n }] = (await dataSourceOf(rally).query(
      `SELECT count(*)::int AS n FROM audit_event WHERE organization_id = $1 AND action LIKE 'scoreboard.holiday.%'`,
      [admin.organisation.id],
    )) as { n: number }[];
    expect(n).toBeGreaterThanOrEqual(4);
    // Campaigners read but do not keep the table.
    const asCampaigner = staffApi(rally, campaigner);
    expect((await asCampaigner('GET', '/scoreboard/holidays')).status).toBe(200);
    expect((await asCampaigner('POST', '/scoreboard/holidays', { country: 'FR', day: '2027-12-25' })).status).toBe(403);
  });

  it('answers invalid fields with a 4xx naming them, never a 500', async () => {
    const bad = async (method: string, path: string, body: unknown, fields: string[]): Promise<void> => {
      const res = await api(method, path, body);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(Object.keys(res.body.fields ?? {}).sort()).toEqual(fields.sort());
    };
    await bad('GET', '/scoreboard?campaignId=nope', undefined, ['campaignId']);
    await bad('GET', '/scoreboard?country=fr', undefined, ['country']);
    await bad('POST', '/scoreboard/holidays', { country: 'XX', day: '2027-02-30', name: 5 }, [
      'country',
      'day',
      'name',
    ]);
    await bad('POST', '/scoreboard/holidays', { country: null, day: null }, ['country', 'day']);
    await bad(
      'PATCH',
      `/scoreboard/holidays/${(await api<{ id: string }>('POST', '/scoreboard/holidays', { country: 'FR', day: '2028-01-01' })).body.id}`,
      { day: '1 May', name: null },
      ['day', 'name'],
    );
    await bad('GET', '/scoreboard/holidays?country=France', undefined, ['country']);
    const asAdmin = staffApi(rally, admin);
    for (const value of ['yes', null, 1]) {
      const res = await asAdmin('PUT', '/scoreboard/settings', { public: value });
      expect(res.status).toBe(422);
      expect(Object.keys(res.body.fields ?? {})).toEqual(['public']);
    }
    expect((await api('PATCH', '/scoreboard/holidays/not-an-id', { name: 'x' })).status).toBe(404);
  });

  it('is public only once an admin switches it on', async () => {
    const url = `${rally.baseUrl}/public/scoreboard/${admin.organisation.slug}/scoreboard.json`;
    expect((await fetch(url)).status).toBe(404);
    expect((await api('PUT', '/scoreboard/settings', { public: true })).status).toBe(403);
    const on = await staffApi(rally, admin)('PUT', '/scoreboard/settings', { public: true });
    expect(on).toMatchObject({
      status: 200,
      body: { public: true, publicPath: `/public/scoreboard/${admin.organisation.slug}/scoreboard.json` },
    });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const body = (await res.json()) as { organisation: string; ministries: Row[]; totals: Row };
    expect(body.organisation).toBe(admin.organisation.name);
    expect(body.ministries).toEqual((await board()).ministries);
    expect((await staffApi(rally, admin)('PUT', '/scoreboard/settings', { public: false })).status).toBe(200);
    expect((await fetch(url)).status).toBe(404);
  });

  it("never shows another organisation's waves", async () => {
    const stranger = await createOrgWithMember(rally, { role: Role.Admin });
    const theirs = await staffApi(rally, stranger)<Board>('GET', '/scoreboard');
    expect(theirs.body.ministries).toEqual([]);
    expect((await staffApi(rally, stranger)('GET', `/scoreboard?campaignId=${campaignId}`)).body).toMatchObject({
      ministries: [],
    });
  });
});
