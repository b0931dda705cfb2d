import type { BrowserContext } from 'playwright-core';
import { Role } from '#rally/access';
import { aMailing, aSupporter } from '#rally-testing/mailings';
import type { StaffHandle } from '#rally-testing/organisations';
import { createOrgWithMember } from '#rally-testing/organisations';
import { aPetition } from '#rally-testing/petitions';
import { expectAccessible, screenshot } from '../console/console-helpers.js';
import { unsubscribeLink } from '../mailings/mailing-helpers.js';
import { describeInBrowser, launchBrowser } from '../support/browser.js';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import { staffApi } from '../support/staff-api.js';

/** A mailing's unsubscribe and preferences pages, as a supporter's browser shows them: axe in each language. */
describeInBrowser('unsubscribe and preferences pages in headless Chromium', () => {
  let rally: RallyHarness;
  let browser: BrowserContext;
  let closeBrowser: () => Promise<void>;
  let link: string;
  beforeAll(async () => {
    rally = await startRally({ env: { MAILING_DISPATCH_MS: '100', MAILING_SCHEDULE_MS: '100000' } });
    ({ context: browser, close: closeBrowser } = await launchBrowser());
    const admin: StaffHandle = await createOrgWithMember(rally, {
      role: Role.Admin,
      organisation: { name: 'Voices for Children' },
    });
    const petition = await aPetition(rally, admin);
    await aSupporter(rally, admin.organisation.id, { email: 'reader@example.org', petitionId: petition.id });
    const mailing = await aMailing(rally, admin, { audience: { kind: 'petition-signers', petitionId: petition.id } });
    await staffApi(rally, admin)('POST', `/mailings/${mailing.id}/schedule`, {
      kind: 'once',
      at: new Date().toISOString(),
    });
    const [mail] = await rally.smtp!.waitFor(1, (m) => m.to === 'reader@example.org');
    link = unsubscribeLink(mail!);
  });
  afterAll(async () => {
    await closeBrowser?.();
    await rally.close();
  });

  it.each(['en', 'fr', 'es'])('passes axe on both pages in %s, and unsubscribes with the button', async (lang) => {
    const page = await browser.newPage();
    await page.goto(`${link}?lang=${lang}`);
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);
    await page.locator('h1').waitFor();
    await expectAccessible(page, `unsubscribe-page-${lang}`);
    await screenshot(page, `unsubscribe-page-${lang}`);

    await page.goto(`${link}/preferences?lang=${lang}`);
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);
    await page.locator('h1').waitFor();
    await expectAccessible(page, `preferences-page-${lang}`);
    await screenshot(page, `preferences-page-${lang}`);

    // The button of the first page, pressed: the answer page passes too (a second press answers the same).
    await page.goto(`${link}?lang=${lang}`);
    await page.locator('form[method="post"] button').first().click();
    await page.waitForLoadState('load');
    await page.locator('h1').waitFor();
    await expectAccessible(page, `unsubscribed-page-${lang}`);
    await page.close();
  });
});
