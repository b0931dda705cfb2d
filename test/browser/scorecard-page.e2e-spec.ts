import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext } from 'playwright-core';
import { aPublishedStatus, enableScorecard, studyRecommendationId } from '#rally-testing/implementation';
import type { StaffHandle } from '#rally-testing/organisations';
import { createOrgWithMember } from '#rally-testing/organisations';
import { aRecommendation } from '#rally-testing/recommendations';
import { expectAccessible, screenshot } from '../console/console-helpers.js';
import { describeInBrowser, launchBrowser } from '../support/browser.js';
import { startRally, type RallyHarness } from '../support/rally-harness.js';

/** Another site (another origin: its own port on loopback) whose page frames the two addresses. */
async function partnerSite(frames: { name: string; src: string }[]): Promise<{ url: string; close(): Promise<void> }> {
  const body = `<!doctype html><html lang="en"><head><title>A partner site</title></head><body><main>${frames
    .map((f) => `<iframe title="${f.name}" name="${f.name}" src="${f.src}" width="600" height="600"></iframe>`)
    .join('')}</main></body></html>`;
  const server = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/partner`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describeInBrowser('public scorecard in headless Chromium', () => {
  let rally: RallyHarness;
  let browser: BrowserContext;
  let closeBrowser: () => Promise<void>;
  let staff: StaffHandle;
  beforeAll(async () => {
    rally = await startRally({ worker: false });
    ({ context: browser, close: closeBrowser } = await launchBrowser());
    staff = await createOrgWithMember(rally, { organisation: { name: 'Voices for Children' } });
    await aPublishedStatus(rally, staff, await studyRecommendationId(rally, staff, 'GEN-1'), {
      status: 'not-started',
      lastVerified: '2027-01-10',
    });
    await aPublishedStatus(rally, staff, await studyRecommendationId(rally, staff, 'MIG-1'), {
      status: 'partially-implemented',
      evidence: [{ url: 'https://www.legifrance.gouv.fr/loi-2027', supports: 'the 2027 law' }],
      evidenceSummary: 'Waiting zones closed to children under 12.',
      evidenceDate: '2027-02-15',
      lastVerified: '2027-03-01',
    });
    await aPublishedStatus(rally, staff, await studyRecommendationId(rally, staff, 'AC-1'), { status: 'regressed' });
    const own = await aRecommendation(rally, staff, { sourceLabel: 'CRC concluding observations 2023' });
    await aPublishedStatus(rally, staff, own.id, { status: 'implemented', lastVerified: '2027-02-01' });
    await enableScorecard(rally, staff);
  });
  afterAll(async () => {
    await closeBrowser?.();
    await rally.close();
  });

  it('reads as headings per focus area with statuses in words, in each language, and passes axe', async () => {
    const context = await browser.browser()?.newContext({ javaScriptEnabled: false });
    const page = context ? await context.newPage() : await browser.newPage();
    await page.goto(`${rally.baseUrl}/scorecard/${staff.organisation.slug}/FR?lang=en`);
    expect(await page.locator('h1').textContent()).toBe('Implementation scorecard: France');
    for (const area of ['Across every situation', 'Migration', 'Armed conflict'])
      await page.getByRole('heading', { level: 3, name: area }).first().waitFor();
    const mig1 = page.getByRole('article', { name: /MIG-1/ });
    expect(await mig1.locator('dd').first().textContent()).toBe('Partially implemented');
    expect(await mig1.getByRole('link', { name: 'the 2027 law' }).getAttribute('href')).toBe(
      'https://www.legifrance.gouv.fr/loi-2027',
    );
    await page.getByText('Source: CRC concluding observations 2023').waitFor();
    await page.getByRole('heading', { level: 2, name: 'How to read this scorecard' }).waitFor();
    await page.setViewportSize({ width: 375, height: 740 });
    await screenshot(page, 'scorecard-page-en');
    await context?.close();

    // axe runs as a script in the page, so this part has JavaScript (the page itself has none).
    const withScripts = await browser.newPage();
    await withScripts.goto(`${rally.baseUrl}/scorecard/${staff.organisation.slug}/FR?lang=en`);
    await expectAccessible(withScripts, 'scorecard-page-en');
    await withScripts.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Français' }).click();
    await withScripts.waitForURL(/lang=fr/);
    expect(await withScripts.locator('html').getAttribute('lang')).toBe('fr');
    expect(await withScripts.locator('h1').textContent()).toBe('Tableau de suivi de la mise en œuvre : France');
    await expectAccessible(withScripts, 'scorecard-page-fr');
    await withScripts.goto(`${rally.baseUrl}/scorecard/${staff.organisation.slug}/FR?lang=es`);
    await expectAccessible(withScripts, 'scorecard-page-es');
    await withScripts.close();
  });

  it('shows the embed inside another site, which cannot frame the normal page', async () => {
    const base = `${rally.baseUrl}/scorecard/${staff.organisation.slug}/FR`;
    const page = await browser.newPage();
    const partner = await partnerSite([
      { name: 'embed', src: `${base}/embed?lang=en` },
      { name: 'full', src: `${base}?lang=en` },
    ]);
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/frame-ancestors|Refused to frame/i.test(m.text())) refused.push(m.text());
    });
    await page.goto(partner.url);
    const embed = page.frameLocator('iframe[name="embed"]');
    await embed.locator('h1', { hasText: 'Implementation scorecard: France' }).waitFor();
    expect(await embed.getByRole('link', { name: 'See the full scorecard' }).getAttribute('target')).toBe('_blank');
    await screenshot(page, 'scorecard-embed');
    const full = page.frames().find((f) => f.name() === 'full');
    // The frame policy refuses the document: Chromium shows its own error page instead, with no heading of ours.
    expect(await full?.locator('h1', { hasText: 'Implementation scorecard' }).count()).toBe(0);
    expect(refused.length).toBeGreaterThan(0);
    await page.close();
    await partner.close();
  });
});
