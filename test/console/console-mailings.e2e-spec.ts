import type { BrowserContext, Locator, Page } from 'playwright-core';
import { Role } from '#rally/access';
import type { StaffHandle } from '#rally-testing/organisations';
import { addMember, createOrgWithMember, TEST_PASSWORD } from '#rally-testing/organisations';
import { describeInBrowser, launchBrowser } from '../support/browser.js';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import { reviewScreen, signIn } from './console-helpers.js';

/** Picks an option of a Mantine select by its label. */
async function choose(page: Page, label: string | RegExp, option: string | RegExp, within: Page | Locator = page) {
  await within
    .getByLabel(label, { exact: typeof label === 'string' })
    .first()
    .click({ force: true });
  await page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
}

describeInBrowser('staff console: mailings', () => {
  let rally: RallyHarness;
  let browser: { context: BrowserContext; close(): Promise<void> };
  let admin: StaffHandle;
  let coordinator: StaffHandle;
  let slug: string;

  beforeAll(async () => {
    rally = await startRally({ env: { MAILING_DISPATCH_MS: '100' } });
    browser = await launchBrowser();
    admin = await createOrgWithMember(rally, { role: Role.Admin, organisation: { name: 'Children First' } });
    coordinator = await addMember(rally, admin.organisation, { role: Role.Coordinator });
    slug = admin.organisation.slug;
  });
  afterAll(async () => {
    await browser?.close();
    await rally?.close();
  });

  it('an admin writes a mailing, counts its audience, previews, test-sends, sends it and watches the run', async () => {
    const page = await browser.context.newPage();
    await signIn(page, rally, admin.user.email, TEST_PASSWORD, `/o/${slug}`);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Mailings' }).click();
    await page.waitForURL(`**/o/${slug}/mailings`);
    await page.getByText('No mailings yet.').waitFor();
    await reviewScreen(page, 'mailings');

    await page.getByRole('link', { name: 'New mailing' }).click();
    await page.waitForURL(`**/o/${slug}/mailings/new`);
    await page.getByLabel(/^Name/).fill('Team update');
    await choose(page, 'Who receives it', 'Staff, by role');
    await choose(page, /^Roles/, 'admin');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Count recipients' }).click();
    await page.getByText('1 recipient now').waitFor();
    await page.getByLabel(/^Subject/).fill('News from {{organisation.name}}');
    await page.getByLabel(/^Text/).fill('Hello {{supporter.fristName}}');
    await page.getByRole('button', { name: 'Create mailing' }).click();
    await page.getByText(/"supporter\.fristName" is not a merge field/).waitFor();
    await reviewScreen(page, 'mailing-new-errors');
    await page.getByLabel(/^Text/).fill('Hello,\n\nThe ministry answered on Monday.');
    await page.getByRole('button', { name: 'Create mailing' }).click();
    await page.waitForURL(/\/mailings\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Team update' }).waitFor();
    await page.getByText("Times are in the organisation's time zone, Europe/Paris.").waitFor();

    await page.getByRole('button', { name: 'Show preview' }).click();
    await page.getByText('News from Children First').waitFor();
    await page.getByRole('button', { name: 'Send a test to me' }).click();
    await page.getByText(`A test was sent to ${admin.user.email}.`).waitFor();
    await rally.smtp!.waitFor(1, (m) => m.to === admin.user.email && m.subject === '[TEST] News from Children First');
    await reviewScreen(page, 'mailing-editor');

    await page.getByRole('button', { name: 'Send now' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Send now' }).click();
    await page.getByText('Team update is scheduled.').waitFor();
    await rally.smtp!.waitFor(1, (m) => m.to === admin.user.email && m.subject === 'News from Children First');
    const runs = page.getByRole('table', { name: 'Sends' });
    await runs.getByText('Finished', { exact: true }).waitFor({ timeout: 15_000 });
    await runs.getByText(/1 sent/).waitFor();
    await reviewScreen(page, 'mailing-runs');
    await page.close();
  });

  it('a coordinator reads the reports but gets no schedule or editor', async () => {
    await browser.context.clearCookies(); // the admin's session is not the coordinator's
    const page = await browser.context.newPage();
    await signIn(page, rally, coordinator.user.email, TEST_PASSWORD, `/o/${slug}/mailings`);
    await page.getByRole('link', { name: 'Team update' }).click();
    await page.getByRole('heading', { name: 'Team update' }).waitFor();
    await page.getByText('Your role can read this mailing but not change it.').waitFor();
    expect(await page.getByRole('button', { name: 'Send now' }).count()).toBe(0);
    await page.close();
  });
});
