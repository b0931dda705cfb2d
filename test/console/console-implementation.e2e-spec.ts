import type { BrowserContext, Locator, Page } from 'playwright-core';
import { Role } from '#rally/access';
import { ImplementationChangeService } from '#rally/implementation';
import { addMember, authOf, createOrgWithMember, TEST_PASSWORD } from '#rally-testing/organisations';
import { aResponsibility, aTarget } from '#rally-testing/targets';
import { describeInBrowser, launchBrowser } from '../support/browser.js';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import { reviewScreen, signIn } from './console-helpers.js';

async function choose(page: Page, label: string, option: string, within: Page | Locator = page): Promise<void> {
  await within.getByLabel(label, { exact: true }).first().click({ force: true });
  await page.getByRole('option', { name: option, exact: true }).click();
}

describeInBrowser('staff console: implementation status', () => {
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

  it('shows the board of the organisation country, proposes a change and lets another member approve it', async () => {
    const admin = await createOrgWithMember(rally, { organisation: { name: 'Children First', country: 'FR' } });
    const coordinator = await addMember(rally, admin.organisation, { role: Role.Coordinator });
    const interior = await aTarget(rally, admin, { name: 'Ministry of the Interior' });
    await aResponsibility(rally, admin, { targetId: interior.id, focusArea: 'migration', validFrom: '2020-01-01' });
    await rally.api.get(ImplementationChangeService).setSettings(authOf(admin), { secondReviewer: true });
    const slug = admin.organisation.slug;

    const page = await browser.context.newPage();
    await signIn(page, rally, coordinator.user.email, TEST_PASSWORD, `/o/${slug}`);
    await page.getByRole('link', { name: 'Status' }).first().click();
    await page.waitForURL(`**/o/${slug}/implementation`);
    const table = page.getByRole('table', { name: 'Implementation status in France' });
    await table.getByText('GEN-1', { exact: true }).waitFor();
    await reviewScreen(page, 'implementation-board');

    await choose(page, 'Focus area', 'Migration');
    await page.waitForURL(/focusArea=migration/);
    await table.getByText('GEN-1', { exact: true }).waitFor({ state: 'detached' });
    await table.getByText('Responsible: Ministry of the Interior').first().waitFor();
    await page.getByRole('button', { name: 'Open MIG-1' }).click();
    const panel = page.getByRole('dialog', { name: 'MIG-1 in France' });
    await panel.getByText('Nothing recorded yet.').waitFor();
    await choose(page, 'Status', 'In progress', panel);
    await panel.getByRole('button', { name: 'Add an evidence link' }).click();
    await panel.getByLabel('Evidence link 1', { exact: true }).fill('not a link');
    await panel.getByLabel('What evidence link 1 supports').fill('the 2027 budget');
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.getByText('url must be an http(s) address').waitFor();
    await panel.getByLabel('Evidence link 1', { exact: true }).fill('https://www.budget.gouv.fr/2027');
    await panel.getByLabel('Last verified').fill('2027-03-01');
    await reviewScreen(page, 'implementation-editor');
    await panel.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Change of MIG-1 proposed', { exact: false }).waitFor();
    await panel.getByText('Proposed change waiting for review').waitFor();
    // The proposer is offered the buttons but the server refuses their own proposal.
    await panel.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Another member must review a change you proposed', { exact: false }).waitFor();
    await page.close();

    await browser.context.clearCookies();
    const second = await browser.context.newPage();
    await signIn(second, rally, admin.user.email, TEST_PASSWORD, `/o/${slug}/implementation?pending=yes`);
    const pendingTable = second.getByRole('table', { name: 'Implementation status in France' });
    await pendingTable.getByText('Waiting for review').first().waitFor();
    await second.getByRole('button', { name: 'Open MIG-1' }).click();
    const review = second.getByRole('dialog', { name: 'MIG-1 in France' });
    await review.getByText('Proposed change waiting for review').waitFor();
    await reviewScreen(second, 'implementation-review');
    await review.getByRole('button', { name: 'Approve' }).click();
    await second.getByText('Change approved.').waitFor();
    await review.getByText('Proposed change waiting for review').waitFor({ state: 'detached' });
    await review.getByText(/approved the change on/).waitFor();
    await review.getByText(/proposed a change on/).waitFor();
    await second.close();
  });
});
