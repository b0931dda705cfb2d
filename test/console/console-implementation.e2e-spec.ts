import type { BrowserContext, Locator, Page } from 'playwright-core';
import { Role } from '#rally/access';
import { ImplementationChangeService } from '#rally/implementation';
import { studyRecommendationId } from '#rally-testing/implementation';
import { addMember, authOf, createOrgWithMember, TEST_PASSWORD } from '#rally-testing/organisations';
import { aLetterAction } from '#rally-testing/letters';
import { aCampaign } from '#rally-testing/petitions';
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

  it('publishes a status with its toggle, and an admin switches the public scorecard on and finds its address', async () => {
    const admin = await createOrgWithMember(rally, { organisation: { name: 'Open Children', country: 'FR' } });
    const coordinator = await addMember(rally, admin.organisation, { role: Role.Coordinator });
    const changes = rally.api.get(ImplementationChangeService);
    const mig1 = await studyRecommendationId(rally, admin, 'MIG-1');
    await changes.change(authOf(admin), mig1, { country: 'FR', status: 'in-progress', lastVerified: '2027-03-01' });
    const slug = admin.organisation.slug;
    const publicPage = `${rally.baseUrl}/scorecard/${slug}/FR`;

    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await signIn(page, rally, coordinator.user.email, TEST_PASSWORD, `/o/${slug}/implementation?focusArea=migration`);
    const table = page.getByRole('table', { name: 'Implementation status in France' });
    await table.getByText('MIG-1', { exact: true }).waitFor();
    // Coordinators publish; only admins switch the scorecard on. A status never set has nothing to publish.
    expect(await page.getByRole('switch', { name: /^Public scorecard/ }).isDisabled()).toBe(true);
    expect(
      await page.getByRole('switch', { name: 'Show MIG-2 on the public scorecard', exact: true }).isDisabled(),
    ).toBe(true);
    const toggle = page.getByRole('switch', { name: 'Show MIG-1 on the public scorecard', exact: true });
    await toggle.click({ force: true });
    await page.getByText('MIG-1 is on the public scorecard.').waitFor();
    expect(await toggle.isChecked()).toBe(true);
    await reviewScreen(page, 'implementation-publish');
    // Published, but the scorecard is still off.
    expect((await fetch(publicPage)).status).toBe(404);
    // The summary above the board counts focus areas by status; a count shows those recommendations.
    const summary = page.getByRole('table', { name: 'Focus areas by status in France' });
    await summary.getByRole('button', { name: '1 recommendation of Migration In progress: show them' }).click();
    await page.waitForURL(/status=in-progress/);
    await table.getByText('MIG-2', { exact: true }).waitFor({ state: 'detached' });
    await table.getByText('MIG-1', { exact: true }).waitFor();
    await page.close();

    await browser.context.clearCookies();
    const asAdmin = await browser.context.newPage();
    await signIn(asAdmin, rally, admin.user.email, TEST_PASSWORD, `/o/${slug}/implementation`);
    await asAdmin.getByRole('switch', { name: /^Public scorecard/ }).click({ force: true });
    const link = asAdmin.getByRole('link', { name: 'Open the public scorecard for France' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`${rally.config.http.publicUrl}/scorecard/${slug}/FR`);
    expect(await asAdmin.getByRole('textbox', { name: 'Embed code' }).inputValue()).toContain(
      `/scorecard/${slug}/FR/embed`,
    );
    await reviewScreen(asAdmin, 'implementation-scorecard');
    const html = await (await fetch(publicPage)).text();
    expect(html).toContain('MIG-1');
    expect(html).not.toContain('MIG-2');
    await asAdmin.close();
  });

  it("shows on a campaign's dashboard the status of the recommendations its letters cite, in a chosen country", async () => {
    const admin = await createOrgWithMember(rally, { organisation: { name: 'Cited Children', country: 'FR' } });
    const changes = rally.api.get(ImplementationChangeService);
    const mig1 = await studyRecommendationId(rally, admin, 'MIG-1');
    await changes.change(authOf(admin), mig1, { country: 'FR', status: 'in-progress', lastVerified: '2027-03-01' });
    const campaignId = await aCampaign(rally, admin);
    await aLetterAction(rally, admin, { campaignId, recommendationCodes: ['MIG-1', 'JUS-1'] });
    await aLetterAction(rally, admin, { campaignId, recommendationCodes: ['MIG-1'] });
    const slug = admin.organisation.slug;

    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await signIn(page, rally, admin.user.email, TEST_PASSWORD, `/o/${slug}/campaigns/${campaignId}`);
    const france = page.getByRole('table', { name: 'Status in France of the recommendations this campaign cites' });
    const mig = france.getByRole('row').filter({ hasText: 'MIG-1' });
    await mig.getByText('In progress').waitFor();
    expect(await mig.textContent()).toContain('2027-03-01');
    await france.getByRole('row').filter({ hasText: 'JUS-1' }).getByText('Unknown').waitFor();
    expect(await france.getByRole('row').count()).toBe(3); // the header and the two cited codes, once each
    await reviewScreen(page, 'campaign-recommendations');
    await choose(page, 'Country', 'Belgium');
    const belgium = page.getByRole('table', { name: 'Status in Belgium of the recommendations this campaign cites' });
    await belgium.getByRole('row').filter({ hasText: 'MIG-1' }).getByText('Unknown').waitFor();
    await page.close();
  });
});
