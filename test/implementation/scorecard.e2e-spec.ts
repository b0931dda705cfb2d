import { parse } from 'csv-parse/sync';
import { Role } from '#rally/access';
import { csvCellValue } from '#rally/core';
import { PublicScorecards } from '#rally/implementation';
import { aPublishedStatus, enableScorecard, studyRecommendationId } from '#rally-testing/implementation';
import type { StaffHandle } from '#rally-testing/organisations';
import { addMember, createOrgWithMember, dataSourceOf } from '#rally-testing/organisations';
import { aRecommendation } from '#rally-testing/recommendations';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import type { StaffApi } from '../support/staff-api.js';
import { staffApi } from '../support/staff-api.js';

interface OpenItem {
  code: string;
  title: string;
  focusArea: string | null;
  source: string;
  sourceLabel: string | null;
  verification: string | null;
  studyRecommends: boolean;
  status: string;
  evidence: { url: string; supports: string }[];
  evidenceSummary: string;
  evidenceDate: string | null;
  lastVerified: string | null;
}
interface OpenData {
  organisation: { name: string; slug: string };
  country: string;
  url: string;
  recommendations: OpenItem[];
}

describe('public scorecard', () => {
  let rally: RallyHarness;
  let admin: StaffHandle;
  let coordinator: StaffHandle;
  let campaigner: StaffHandle;
  let other: StaffHandle;
  let api: StaffApi;
  let asCoordinator: StaffApi;
  let ids: Record<string, string>;
  let ownCode: string;
  let otherOwnCode: string;
  const page = (path: string, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${rally.baseUrl}/scorecard/${path}`, { headers });
  // Handlebars escapes "=" in attributes; a browser reads it back as "=".
  const htmlOf = async (res: Response): Promise<string> => (await res.text()).replaceAll('&#x3D;', '=');
  const slug = (): string => admin.organisation.slug;
  const openData = async (country = 'FR'): Promise<OpenData> => {
    const res = await page(`${slug()}/${country}.json`);
    expect(res.status).toBe(200);
    return (await res.json()) as OpenData;
  };
  const codesOf = async (country = 'FR'): Promise<string[]> =>
    (await openData(country)).recommendations.map((r) => r.code);

  beforeAll(async () => {
    rally = await startRally({ worker: false });
    admin = await createOrgWithMember(rally, { organisation: { name: 'Children First', defaultLanguage: 'fr' } });
    coordinator = await addMember(rally, admin.organisation, { role: Role.Coordinator });
    campaigner = await addMember(rally, admin.organisation, { role: Role.Campaigner });
    other = await createOrgWithMember(rally, { organisation: { name: 'Another Org' } });
    api = staffApi(rally, admin);
    asCoordinator = staffApi(rally, coordinator);
    ids = {};
    for (const code of ['GEN-1', 'MIG-1', 'MIG-2', 'MIG-3', 'JUS-2', 'AC-1'])
      ids[code] = await studyRecommendationId(rally, admin, code);
    const own = await aRecommendation(rally, admin, {
      title: 'End the detention of children in waiting zones',
      sourceLabel: 'CRC concluding observations 2023',
    });
    ownCode = own.code;
    ids.own = own.id;
    await aPublishedStatus(rally, admin, ids['MIG-1'], {
      status: 'partially-implemented',
      evidence: [{ url: 'https://www.legifrance.gouv.fr/loi-2027', supports: 'the 2027 law on waiting zones' }],
      evidenceSummary: '=HYPERLINK("https://evil.example","click"), then more',
      evidenceDate: '2027-02-15',
      lastVerified: '2027-03-01',
    });
    await aPublishedStatus(rally, admin, ids['GEN-1'], { status: 'not-started', lastVerified: '2027-01-10' });
    await aPublishedStatus(rally, admin, ids['JUS-2'], { status: 'in-progress' });
    await aPublishedStatus(rally, admin, ids['AC-1'], { status: 'regressed' });
    await aPublishedStatus(rally, admin, ids.own, { status: 'implemented' });
    // Set but never published: the scorecard never shows it.
    await api('PATCH', `/implementation/statuses/${ids['MIG-2']}`, { country: 'FR', status: 'implemented' });
    // Another organisation, same country, same Study items and its own: never on this organisation's scorecard.
    const theirs = await aRecommendation(rally, other, { title: 'Their own recommendation' });
    otherOwnCode = theirs.code;
    await aPublishedStatus(rally, other, theirs.id, { status: 'implemented' });
    await aPublishedStatus(rally, other, await studyRecommendationId(rally, other, 'MIG-2'), {
      status: 'regressed',
      evidenceSummary: 'Their evidence',
    });
    await enableScorecard(rally, other);
  });
  afterAll(() => rally.close());

  it('is off by default: every address answers 404 until an admin switches it on', async () => {
    for (const path of [`${slug()}/FR`, `${slug()}/FR/embed`, `${slug()}/FR.json`, `${slug()}/FR.csv`])
      expect([path, (await page(path)).status]).toEqual([path, 404]);
    expect((await api<{ enabled: boolean }>('GET', '/implementation/scorecard')).body.enabled).toBe(false);
    const on = await api<{ enabled: boolean; baseUrl: string; countries: { country: string; published: number }[] }>(
      'PUT',
      '/implementation/scorecard',
      { enabled: true },
    );
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({
      enabled: true,
      baseUrl: `${rally.config.http.publicUrl}/scorecard/${slug()}`,
      countries: [{ country: 'FR', published: 5 }],
    });
    expect((await page(`${slug()}/FR`)).status).toBe(200);
  });

  it('shows only the published rows of this organisation, the Study apart from its own, by focus area', async () => {
    const data = await openData();
    expect(data.organisation).toEqual({ name: 'Children First', slug: slug() });
    expect(data.url).toBe(`${rally.config.http.publicUrl}/scorecard/${slug()}/FR`);
    // The catalogue's order: overarching, then the Study's areas; the organisation's own after the Study's.
    expect(data.recommendations.map((r) => r.code)).toEqual(['GEN-1', 'JUS-2', 'MIG-1', ownCode, 'AC-1']);
    const html = await (await page(`${slug()}/FR?lang=en`)).text();
    expect(html).not.toMatch(/MIG-2|Their evidence|Their own recommendation/);
    expect(html).not.toContain(otherOwnCode);
    expect(html).not.toContain('Checked with'); // staff notes never leave
    const study = html.indexOf('Recommendations of the UN Global Study');
    const own = html.indexOf('Other recommendations Children First follows');
    expect(study).toBeGreaterThan(0);
    expect(own).toBeGreaterThan(study);
    expect(html.indexOf(ownCode)).toBeGreaterThan(own);
    expect(html).toContain('Source: CRC concluding observations 2023');
    for (const heading of ['Across every situation', 'Administration of justice', 'Migration', 'Armed conflict'])
      expect(html).toMatch(new RegExp(`<h3 id="[^"]+">${heading}</h3>`));
    // The other organisation's scorecard has its own rows only.
    const theirs = (await (await page(`${other.organisation.slug}/FR.json`)).json()) as OpenData;
    expect(theirs.recommendations.map((r) => [r.code, r.status]).sort()).toEqual(
      [
        ['MIG-2', 'regressed'],
        [otherOwnCode, 'implemented'],
      ].sort(),
    );
  });

  it('says "the Study recommends" only of primary and secondary items, and shows each verification level', async () => {
    const data = await openData();
    const byCode = new Map(data.recommendations.map((r) => [r.code, r]));
    expect(byCode.get('MIG-1')).toMatchObject({ verification: 'secondary', studyRecommends: true, source: 'study' });
    expect(byCode.get('JUS-2')).toMatchObject({ verification: 'partial', studyRecommends: false });
    expect(byCode.get('AC-1')).toMatchObject({ verification: 'unverified', studyRecommends: false });
    expect(byCode.get(ownCode)).toMatchObject({
      source: 'organisation',
      sourceLabel: 'CRC concluding observations 2023',
      verification: null,
      studyRecommends: false,
    });
    const html = await (await page(`${slug()}/FR?lang=en`)).text();
    const article = (code: string): string => {
      const start = html.indexOf(`<span class="code">${code}</span>`);
      return html.slice(start, html.indexOf('</article>', start));
    };
    expect(article('MIG-1')).toContain('The Study recommends · Verification: secondary');
    expect(article('JUS-2')).toContain('Based on a Study finding (wording not confirmed) · Verification: partial');
    expect(article('AC-1')).toContain('Not confirmed as Study text · Verification: unverified');
    expect(article('AC-1')).not.toContain('The Study recommends');
    // Status as words, with the evidence, its date and the day it was last verified.
    expect(article('MIG-1')).toContain('<span class="status-label">Partially implemented</span>');
    expect(article('MIG-1')).toContain('<time datetime="2027-03-01">March 1, 2027</time>');
    expect(article('MIG-1')).toContain('Evidence of February 15, 2027');
    expect(article('MIG-1')).toContain(
      '<a href="https://www.legifrance.gouv.fr/loi-2027" rel="noopener noreferrer">the 2027 law on waiting zones</a>',
    );
    expect(article('JUS-2')).toContain('Not recorded');
    // The legend explains every status shown and the verification levels.
    expect(html).toContain('How to read this scorecard');
    expect(html).toMatch(/<dt><span class="status-label">Regressed<\/span><\/dt><dd>The country has gone back/);
  });

  it('speaks English, French and Spanish: ?lang=, then Accept-Language, then the organisation language', async () => {
    const langOf = async (query: string, headers: Record<string, string> = {}) => {
      const res = await page(`${slug()}/FR${query}`, headers);
      const html = await res.text();
      return [/<html lang="(\w+)" dir="(\w+)">/.exec(html)?.slice(1).join(' '), res.headers.get('content-language')];
    };
    expect(await langOf('?lang=es', { 'accept-language': 'fr' })).toEqual(['es ltr', 'es']);
    expect(await langOf('', { 'accept-language': 'es-MX,es;q=0.9' })).toEqual(['es ltr', 'es']);
    expect(await langOf('', { 'accept-language': 'de-DE, en;q=0.5' })).toEqual(['en ltr', 'en']);
    // Nothing Rally speaks in the header, or no header: the organisation's language (French here).
    expect(await langOf('', { 'accept-language': 'de-DE' })).toEqual(['fr ltr', 'fr']);
    expect(await langOf('?lang=de')).toEqual(['fr ltr', 'fr']);
    const fr = await (await page(`${slug()}/FR?lang=fr`)).text();
    expect(fr).toContain('<h1>Tableau de suivi de la mise en œuvre : France</h1>');
    expect(fr).toContain('Partiellement mis en œuvre');
    expect(fr).toContain('<time datetime="2027-03-01">1 mars 2027</time>');
    expect(fr).toContain('L’Étude recommande');
    const es = await htmlOf(await page(`${slug()}/FR?lang=es`));
    expect(es).toContain('<h1>Tablero de implementación: Francia</h1>');
    expect(es).toContain('Fuente: CRC concluding observations 2023');
    expect(es).toMatch(/<a href="\/scorecard\/[^"]+\/FR\?lang=fr" lang="fr" hreflang="fr">Français<\/a>/);
    expect((await page(`${slug()}/FR`)).headers.get('vary')).toMatch(/accept-language/i);
  });

  it('serves the same rows as JSON (CORS open) and CSV (header row, formulas neutralised, a download)', async () => {
    const json = await page(`${slug()}/FR.json`);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(json.headers.get('access-control-allow-origin')).toBe('*');
    expect(json.headers.get('cache-control')).toBe('public, max-age=10');
    const mig1 = ((await json.json()) as OpenData).recommendations.find((r) => r.code === 'MIG-1');
    expect(mig1).toEqual({
      code: 'MIG-1',
      title: expect.any(String),
      focusArea: 'migration',
      source: 'study',
      sourceLabel: null,
      sourceReference: expect.any(String),
      verification: 'secondary',
      studyRecommends: true,
      status: 'partially-implemented',
      evidence: [{ url: 'https://www.legifrance.gouv.fr/loi-2027', supports: 'the 2027 law on waiting zones' }],
      evidenceSummary: '=HYPERLINK("https://evil.example","click"), then more',
      evidenceDate: '2027-02-15',
      lastVerified: '2027-03-01',
    });

    const csv = await page(`${slug()}/fr.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="scorecard-${slug()}-fr.csv"`);
    expect(csv.headers.get('access-control-allow-origin')).toBe('*');
    expect(csv.headers.get('x-content-type-options')).toBe('nosniff');
    const rows = parse(await csv.text()) as string[][];
    expect(rows[0]).toEqual([
      'organisation',
      'country',
      'code',
      'title',
      'focus_area',
      'source',
      'source_label',
      'source_reference',
      'verification',
      'study_recommends',
      'status',
      'evidence_summary',
      'evidence_date',
      'last_verified',
      'evidence_urls',
      'evidence_supports',
    ]);
    expect(rows.slice(1).map((r) => r[2])).toEqual(['GEN-1', 'JUS-2', 'MIG-1', ownCode, 'AC-1']);
    const row = Object.fromEntries(rows[0].map((name, i) => [name, rows[3][i]]));
    expect(row).toMatchObject({
      organisation: 'Children First',
      country: 'FR',
      focus_area: 'migration',
      status: 'partially-implemented',
      study_recommends: 'true',
      evidence_date: '2027-02-15',
      last_verified: '2027-03-01',
      evidence_urls: 'https://www.legifrance.gouv.fr/loi-2027',
    });
    // A spreadsheet would run it: written with a leading quote, read back as it was.
    expect(row.evidence_summary).toBe(`'=HYPERLINK("https://evil.example","click"), then more`);
    expect(csvCellValue(row.evidence_summary)).toBe(mig1?.evidenceSummary);
    expect(rows[1][4]).toBe('overarching');
  });

  it('may be framed by any site in its embed variant only', async () => {
    const normal = await page(`${slug()}/FR`);
    expect(normal.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(normal.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const embed = await page(`${slug()}/FR/embed?lang=en`);
    expect(embed.status).toBe(200);
    const policy = embed.headers.get('content-security-policy') ?? '';
    expect(policy).toContain('frame-ancestors *');
    expect(policy).not.toContain("frame-ancestors 'self'");
    expect(policy).toContain("script-src 'self'");
    expect(embed.headers.get('x-frame-options')).toBeNull();
    const html = await htmlOf(embed);
    expect(html).toContain('<body class="embed">');
    // Links leave the frame; the full page is one click away.
    expect(html).toContain('target="_blank"');
    expect(html).toContain(`href="${rally.config.http.publicUrl}/scorecard/${slug()}/FR?lang=en" target="_blank"`);
    // The embed of a scorecard that is not there is a 404 like the page.
    expect((await page(`${slug()}/DE/embed`)).status).toBe(404);
  });

  it('answers 404 for an unknown organisation, a bad country, or a country with nothing published', async () => {
    for (const path of [
      'no-such-org/FR',
      'no-such-org/FR.json',
      `${slug()}/XX`,
      `${slug()}/FRA`,
      `${slug()}/DE`,
      `${slug()}/DE.json`,
      `${slug()}/DE.csv`,
      `${slug()}/FR.xml`,
      'Bad%20Slug/FR',
    ]) {
      const res = await page(path);
      expect([path, res.status]).toEqual([path, 404]);
    }
    const json = await page('no-such-org/FR.json');
    expect(await json.json()).toEqual({
      statusCode: 404,
      error: 'scorecard_not_found',
      message: 'Scorecard not found',
    });
    expect(await (await page('no-such-org/FR', { 'accept-language': 'es' })).text()).toContain('No encontrado');
  });

  it('reads from memory, and shows a publish, an unpublish and a status change at once in this process', async () => {
    const scorecards = rally.api.get(PublicScorecards);
    await codesOf();
    const loads = scorecards.loads;
    await codesOf();
    await page(`${slug()}/FR?lang=es`);
    await page(`${slug()}/FR.csv`);
    expect(scorecards.loads).toBe(loads);

    const published = await asCoordinator<{ changed: string[] }>(
      'PUT',
      `/implementation/statuses/${ids['MIG-2']}/publication`,
      { country: 'FR', published: true },
    );
    expect([published.status, published.body.changed]).toEqual([200, [ids['MIG-2']]]);
    expect(await codesOf()).toContain('MIG-2');

    // A status change keeps the publication and shows at once; a change of an unpublished row publishes nothing.
    await asCoordinator('PATCH', `/implementation/statuses/${ids['MIG-2']}`, { country: 'FR', status: 'regressed' });
    expect((await openData()).recommendations.find((r) => r.code === 'MIG-2')?.status).toBe('regressed');
    await asCoordinator('PATCH', `/implementation/statuses/${ids['MIG-3']}`, { country: 'FR', status: 'implemented' });
    expect(await codesOf()).not.toContain('MIG-3');

    const off = await asCoordinator<{ changed: string[] }>('POST', '/implementation/publication', {
      country: 'FR',
      published: false,
      recommendationIds: [ids['MIG-2'], ids['MIG-3']],
    });
    expect([off.status, off.body.changed]).toEqual([200, [ids['MIG-2']]]);
    expect(await codesOf()).not.toContain('MIG-2');

    // Bulk publish, then switching the scorecard off and on again.
    const on = await asCoordinator<{ changed: string[] }>('POST', '/implementation/publication', {
      country: 'FR',
      published: true,
      recommendationIds: [ids['MIG-2'], ids['MIG-3']],
    });
    expect([on.status, on.body.changed.sort()]).toEqual([200, [ids['MIG-2'], ids['MIG-3']].sort()]);
    expect(await codesOf()).toEqual(['GEN-1', 'JUS-2', 'MIG-1', 'MIG-2', 'MIG-3', ownCode, 'AC-1']);
    await api('PUT', '/implementation/scorecard', { enabled: false });
    expect((await page(`${slug()}/FR.json`)).status).toBe(404);
    await api('PUT', '/implementation/scorecard', { enabled: true });
    expect((await page(`${slug()}/FR.json`)).status).toBe(200);

    const audit = (await dataSourceOf(rally).query(
      `SELECT action, object_id, details->>'country' AS country FROM audit_event
       WHERE organization_id = $1 AND action IN ('implementation.publish', 'implementation.unpublish', 'implementation.scorecard')
       ORDER BY at, id`,
      [admin.organisation.id],
    )) as { action: string; object_id: string; country: string | null }[];
    expect(audit.filter((a) => a.object_id === ids['MIG-2']).map((a) => a.action)).toEqual([
      'implementation.publish',
      'implementation.unpublish',
      'implementation.publish',
    ]);
    expect(audit.filter((a) => a.action === 'implementation.scorecard')).toHaveLength(3);
  });

  it('refuses to publish what has no status, and lets only coordinators and admins publish', async () => {
    const mig4 = await studyRecommendationId(rally, admin, 'MIG-4');
    const single = await api('PUT', `/implementation/statuses/${mig4}/publication`, { country: 'FR', published: true });
    expect([single.status, single.body.error]).toEqual([409, 'implementation_not_publishable']);
    const bulk = await api('POST', '/implementation/publication', {
      country: 'FR',
      published: true,
      recommendationIds: [ids['GEN-1'], mig4],
    });
    expect([bulk.status, bulk.body.error, bulk.body.fields?.recommendationIds?.[0]]).toEqual([
      409,
      'implementation_not_publishable',
      'MIG-4: no status in this country (or unknown), or withdrawn',
    ]);
    // Unpublishing what was never published changes nothing.
    const none = await api<{ changed: string[] }>('PUT', `/implementation/statuses/${mig4}/publication`, {
      country: 'FR',
      published: false,
    });
    expect([none.status, none.body.changed]).toEqual([200, []]);

    const body = { country: 'FR', published: false };
    const asCampaigner = staffApi(rally, campaigner);
    expect((await asCampaigner('PUT', `/implementation/statuses/${ids['MIG-1']}/publication`, body)).status).toBe(403);
    expect((await asCoordinator('PUT', '/implementation/scorecard', { enabled: false })).status).toBe(403);
    expect((await asCampaigner<{ enabled: boolean }>('GET', '/implementation/scorecard')).body.enabled).toBe(true);
    // Another organisation's recommendation: 404 in the path, 422 naming the field in a list.
    const theirs = await studyRecommendationId(rally, other, 'MIG-1');
    const ownOfTheirs = (
      (await dataSourceOf(rally).query(`SELECT id FROM recommendations WHERE organization_id = $1 LIMIT 1`, [
        other.organisation.id,
      ])) as { id: string }[]
    )[0].id;
    expect(theirs).toBe(ids['MIG-1']); // the Study's rows are everyone's
    expect((await api('PUT', `/implementation/statuses/${ownOfTheirs}/publication`, body)).status).toBe(404);
    const foreign = await api('POST', '/implementation/publication', { ...body, recommendationIds: [ownOfTheirs] });
    expect([foreign.status, Object.keys(foreign.body.fields ?? {})]).toEqual([422, ['recommendationIds']]);
    expect(await codesOf(`FR`)).toContain('MIG-1');
  });

  it.each<[string, string, string, Record<string, unknown>]>([
    ['country', 'PUT', 'single', { country: 'fr', published: true }],
    ['country', 'PUT', 'single', { published: true }],
    ['published', 'PUT', 'single', { country: 'FR', published: 'yes' }],
    ['published', 'PUT', 'single', { country: 'FR' }],
    ['recommendationIds', 'POST', 'bulk', { country: 'FR', published: true, recommendationIds: 'all' }],
    ['recommendationIds', 'POST', 'bulk', { country: 'FR', published: true, recommendationIds: [] }],
    ['recommendationIds', 'POST', 'bulk', { country: 'FR', published: true, recommendationIds: ['MIG-1'] }],
    ['country', 'POST', 'bulk', { country: 'XX', published: true, recommendationIds: [] }],
    ['enabled', 'PUT', 'settings', { enabled: 'on' }],
  ])('answers 422 naming %s (%s %s, case %#)', async (field, method, route, body) => {
    const path =
      route === 'single'
        ? `/implementation/statuses/${ids['MIG-1']}/publication`
        : route === 'bulk'
          ? '/implementation/publication'
          : '/implementation/scorecard';
    const res = await api(method, path, body);
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.fields ?? {})).toContain(field);
  });

  it('marks published rows on the staff board', async () => {
    const board = await api<{ items: { recommendation: { code: string }; published: boolean }[] }>(
      'GET',
      '/implementation/statuses?country=FR&limit=200',
    );
    const published = board.body.items.filter((i) => i.published).map((i) => i.recommendation.code);
    expect(published).toEqual(expect.arrayContaining(['GEN-1', 'MIG-1', 'MIG-2', 'MIG-3', ownCode, 'AC-1']));
    expect(published).not.toContain('MIG-4');
  });
});
