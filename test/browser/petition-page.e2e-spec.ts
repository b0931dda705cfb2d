import type { BrowserContext } from 'playwright-core';
import { aPetition } from '#rally-testing/petitions';
import { createOrgWithMember } from '#rally-testing/organisations';
import { describeInBrowser, launchBrowser } from '../support/browser.js';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import { waitUntil } from '../support/processes.js';
import { confirmLink, mailsTo } from '../petitions/petition-helpers.js';

describeInBrowser('petition page in headless Chromium', () => {
  let rally: RallyHarness;
  let browser: BrowserContext;
  let closeBrowser: () => Promise<void>;
  beforeAll(async () => {
    rally = await startRally({
      env: {
        SIGN_MIN_FILL_SECONDS: '1',
        SIGNATURE_MAIL_POLL_MS: '200',
        PETITION_COUNT_FLUSH_MS: '200',
        PETITION_COUNT_CACHE_MS: '200',
      },
    });
    ({ context: browser, close: closeBrowser } = await launchBrowser());
  });
  afterAll(async () => {
    await closeBrowser?.();
    await rally.close();
  });

  it('opens the page, signs, follows the link from the caught mail, and sees the count go live', async () => {
    const staff = await createOrgWithMember(rally, { organisation: { name: 'Voices for Children' } });
    const petition = await aPetition(rally, staff, { title: 'No child behind bars', goal: 50 });
    const thirdParty: string[] = [];
    const page = await browser.newPage();
    page.on('request', (r) => {
      if (!r.url().startsWith(rally.baseUrl)) thirdParty.push(r.url());
    });
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });

    await page.goto(`${rally.baseUrl}/p/${petition.slug}?utm_source=browser-test`);
    await page.setViewportSize({ width: 375, height: 740 });
    expect(await page.locator('h1').textContent()).toBe('No child behind bars');
    expect(await page.locator('#signature-count').textContent()).toBe('0');
    // Every input is reachable by its visible label.
    await page.getByLabel('First name', { exact: true }).fill('Mira');
    await page.getByLabel('Last name (optional)', { exact: true }).fill('Okafor');
    await page.getByLabel('Email', { exact: true }).fill('mira.okafor@example.org');
    await page.getByLabel('Region (optional)', { exact: true }).fill('Lagos');
    await page.getByLabel('Country', { exact: true }).selectOption('NG');
    await page.getByLabel('Show my first name and region on this page').check();
    await page.getByLabel(/Voices for Children may email me/).check();
    await page.waitForTimeout(1_100); // a person takes longer than the minimum time-to-fill
    await Promise.all([
      page.waitForURL(`**/p/${petition.slug}/thanks`),
      page.getByRole('button', { name: 'Sign the petition' }).click(),
    ]);
    expect(await page.locator('h1').textContent()).toBe('Check your email');

    await page.goto(`${rally.baseUrl}/p/${petition.slug}`);
    expect(await page.locator('#signature-count').textContent()).toBe('0');

    const [mail] = await mailsTo(rally, 'mira.okafor@example.org', 1, /confirm/i);
    const confirmPage = await browser.newPage();
    await confirmPage.goto(confirmLink(mail));
    // Opening the link only shows the button; pressing it confirms.
    expect(await confirmPage.locator('h1').textContent()).toBe('Confirm your signature');
    await Promise.all([
      confirmPage.waitForURL(`**/p/${petition.slug}/confirmed`),
      confirmPage.getByRole('button', { name: 'Confirm my signature' }).click(),
    ]);
    expect(confirmPage.url()).toBe(`${rally.baseUrl}/p/${petition.slug}/confirmed`);
    expect(await confirmPage.locator('h1').textContent()).toBe('Thank you, your signature is confirmed');

    // The first page was not reloaded: its script polls count.json and updates the number.
    // Polled from outside: the page's CSP (rightly) forbids the string eval waitForFunction would need.
    await waitUntil(async () => (await page.locator('#signature-count').textContent()) === '1', 15_000, 200);
    // progress.value reflects its content attribute, so the script's update is visible here.
    expect(await page.locator('#goal-progress').getAttribute('value')).toBe('1');
    expect(thirdParty).toEqual([]);
    expect(consoleErrors).toEqual([]);

    const [row] = (await rally.api
      .get((await import('typeorm')).DataSource)
      .query(`SELECT source, status FROM signatures WHERE petition_id = $1`, [petition.id])) as {
      source: string;
      status: string;
    }[];
    expect(row).toEqual({ source: 'browser-test', status: 'confirmed' });
  });

  it('without JavaScript, a wrong field re-renders the page with the error next to it and the typed values kept', async () => {
    const staff = await createOrgWithMember(rally);
    const petition = await aPetition(rally, staff);
    const context = await browser.browser()?.newContext({ javaScriptEnabled: false });
    const page = context ? await context.newPage() : await browser.newPage();
    await page.goto(`${rally.baseUrl}/p/${petition.slug}`);
    await page.getByLabel('First name', { exact: true }).fill('Jo');
    await page.getByLabel('Email', { exact: true }).fill('not an email');
    await page.getByLabel('Country', { exact: true }).selectOption('FR');
    await page.waitForTimeout(1_100);
    const [response] = await Promise.all([
      page.waitForNavigation(),
      page.getByRole('button', { name: 'Sign the petition' }).click(),
    ]);
    expect(response?.status()).toBe(422);
    expect(await page.locator('#e-email').textContent()).toBe('Enter a valid email address.');
    expect(await page.getByLabel('First name', { exact: true }).inputValue()).toBe('Jo');
    expect(await page.getByLabel('Email', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await context?.close();
  });
});
