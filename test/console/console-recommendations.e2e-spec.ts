import type { BrowserContext, Locator, Page } from 'playwright-core';
import { Role } from '#rally/access';
import { addMember, createOrgWithMember, TEST_PASSWORD } from '#rally-testing/organisations';
import { describeInBrowser, launchBrowser } from '../support/browser.js';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import { reviewScreen, signIn } from './console-helpers.js';

/** Picks an option of a Mantine select by its label (exact: the legend's section is "Verification levels"). */
async function choose(page: Page, label: string, option: string, within: Page | Locator = page): Promise<void> {
  await within.getByLabel(label, { exact: true }).first().click({ force: true });
  await page.getByRole('option', { name: option, exact: true }).click();
}

describeInBrowser('staff console: the recommendation catalogue', () => {
  let rally: RallyHarness;
  let browser: { context: BrowserContext; close(): Promise<void> };
  beforeAll(async () => {
    rally = await startRally({ worker: false });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await rally?.close();
  });

  it("lists the Study's catalogue with its legend, filters it, and keeps the organisation's own", async () => {
    const admin = await createOrgWithMember(rally, { organisation: { name: 'Children First' } });
    const coordinator = await addMember(rally, admin.organisation, { role: Role.Coordinator });
    const slug = admin.organisation.slug;
    const page = await browser.context.newPage();
    await signIn(page, rally, coordinator.user.email, TEST_PASSWORD, `/o/${slug}`);
    await page.getByRole('link', { name: 'Recommendations' }).first().click();
    await page.waitForURL(`**/o/${slug}/recommendations`);
    const table = page.getByRole('table', { name: 'Recommendations' });
    await table.getByText('GEN-1', { exact: true }).waitFor();
    await page.getByText('not confirmed as Study text', { exact: false }).first().waitFor();
    await reviewScreen(page, 'recommendations');

    // An unverified item is never worded as the Study's recommendation.
    await choose(page, 'Verification', 'Unverified');
    await page.waitForURL(/verification=unverified/);
    await table.getByText('AC-1', { exact: true }).waitFor();
    await table.getByText('GEN-1', { exact: true }).waitFor({ state: 'detached' });
    expect(await table.getByText('Not confirmed as Study text', { exact: true }).count()).toBe(4);
    expect(await table.getByText('The Study recommends', { exact: true }).count()).toBe(0);
    await choose(page, 'Verification', 'All levels');
    await choose(page, 'Focus area', 'Migration');
    await page.waitForURL(/focusArea=migration/);
    // MIG-5 is on the unfiltered first page too: wait for the filtered page to replace it.
    await table.getByText('GEN-1', { exact: true }).waitFor({ state: 'detached' });
    await table.getByText('MIG-5', { exact: true }).waitFor();
    expect(await table.getByText('The Study recommends', { exact: true }).count()).toBe(5);
    await choose(page, 'Focus area', 'Institutions');
    await table.getByText('INS-3', { exact: true }).waitFor();
    // INS-1 is primary; INS-2 and INS-3 are partial: resting on a Study finding, not worded as its recommendation.
    expect(await table.getByText('The Study recommends', { exact: true }).count()).toBe(1);
    expect(await table.getByText(/^Based on a Study finding/).count()).toBe(2);

    // The organisation's own: refused field by field by the server, then saved, edited and deleted.
    await page.getByRole('button', { name: 'Add a recommendation' }).click();
    const add = page.getByRole('dialog', { name: 'Add a recommendation of your own' });
    await add.getByLabel(/^Code/).fill('MIG-1');
    await add.getByLabel(/^Recommendation/).fill('End detention in waiting zones');
    await add
      .getByLabel(/^Source/)
      .first()
      .fill('CRC concluding observations 2024');
    await choose(page, 'Focus area', 'Migration', add);
    await add.getByRole('button', { name: 'Save' }).click();
    await add.getByText("is a code of the Study's catalogue").waitFor();
    await add.getByLabel(/^Code/).fill('CRC-2024-31');
    await add.getByRole('button', { name: 'Add a link' }).click();
    await add.getByLabel('Link 1', { exact: true }).fill('not a link');
    await add.getByLabel('What link 1 supports').fill('paragraph 31');
    await add.getByRole('button', { name: 'Save' }).click();
    await add.getByText('url must be an http(s) address').waitFor();
    // The error messages pass the contrast check too (the theme's error red).
    await reviewScreen(page, 'recommendation-add-errors');
    await add.getByLabel('Link 1', { exact: true }).fill('https://www.ohchr.org/en/countries/france');
    await add.getByText('url must be an http(s) address').waitFor({ state: 'detached' });
    await reviewScreen(page, 'recommendation-add');
    await add.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Recommendation CRC-2024-31 saved.').waitFor();
    await add.waitFor({ state: 'detached' });
    await choose(page, 'Focus area', 'Migration');
    await table.getByText('From CRC concluding observations 2024', { exact: false }).waitFor();

    await page.getByRole('button', { name: 'Edit CRC-2024-31' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit the recommendation' });
    await edit.getByLabel(/^Recommendation/).fill('End the detention of children in waiting zones');
    await edit.getByRole('button', { name: 'Save' }).click();
    await table.getByText('End the detention of children in waiting zones').waitFor();

    await page.getByRole('button', { name: 'Delete CRC-2024-31' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete this recommendation?' });
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await page.getByText('Recommendation CRC-2024-31 deleted.').waitFor();
    await table.getByText('CRC-2024-31', { exact: true }).waitFor({ state: 'detached' });
    await page.close();
  });

  it('reads the catalogue in French, the badges and wording translated', async () => {
    const admin = await createOrgWithMember(rally, { role: Role.Admin });
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await signIn(page, rally, admin.user.email, TEST_PASSWORD, `/o/${admin.organisation.slug}/recommendations`);
    await page.getByRole('heading', { name: 'Recommendations' }).waitFor();
    // Chosen on the screen: the area's French texts are fetched then, after its English ones.
    await page.getByRole('button', { name: 'Language' }).click();
    await page.getByRole('menuitem', { name: 'Français' }).click();
    await page.getByRole('heading', { name: 'Recommandations' }).waitFor();
    await page.getByRole('table', { name: 'Recommandations' }).getByText('L’Étude recommande').first().waitFor();
    await reviewScreen(page, 'recommendations-fr');
    await page.close();
  });
});
