import type { BrowserContext } from 'playwright-core';
import { Role } from '#rally/access';
import { aLetterAction } from '#rally-testing/letters';
import { addMember, createOrgWithMember, TEST_PASSWORD } from '#rally-testing/organisations';
import { aCampaign } from '#rally-testing/petitions';
import { aResponse } from '#rally-testing/responses';
import { aTarget } from '#rally-testing/targets';
import { sentLetters } from '../scoreboard/scoreboard-helpers.js';
import { describeInBrowser, launchBrowser } from '../support/browser.js';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import { reviewScreen, signIn } from './console-helpers.js';

describeInBrowser('staff console: the response-time scoreboard', () => {
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

  it('charts the ministries with a table alternative, keeps holidays, and the campaign shows its response rate', async () => {
    const admin = await createOrgWithMember(rally, { organisation: { name: 'Children First', country: 'FR' } });
    const coordinator = await addMember(rally, admin.organisation, { role: Role.Coordinator });
    const campaignId = await aCampaign(rally, admin);
    const action = await aLetterAction(rally, admin, { campaignId });
    const justice = await aTarget(rally, admin, { body: 'Ministry of Justice' });
    const interior = await aTarget(rally, admin, { body: 'Ministry of the Interior' });
    await sentLetters(rally, admin, action.id, justice.id, 3, '2027-03-01T09:00:00Z');
    await sentLetters(rally, admin, action.id, interior.id, 2, '2027-03-01T09:00:00Z');
    await aResponse(rally, admin, { targetId: justice.id, campaignId, occurredOn: '2027-03-04', stance: 'committed' });
    const slug = admin.organisation.slug;

    const page = await browser.context.newPage();
    await signIn(page, rally, coordinator.user.email, TEST_PASSWORD, `/o/${slug}`);
    await page.getByRole('link', { name: 'Scoreboard' }).first().click();
    await page.waitForURL(`**/o/${slug}/scoreboard`);
    const table = page.getByRole('table', { name: 'Scoreboard per ministry' });
    await table.getByText('Ministry of Justice (France)').waitFor();
    await page.getByRole('meter', { name: 'Ministry of Justice (France)' }).first().waitFor();
    // Mon 1 -> Thu 4 March 2027: 3 business days; the Interior has not answered.
    await table.getByText('3 days').first().waitFor();
    expect(
      await page
        .getByRole('meter', { name: 'Ministry of the Interior (France)' })
        .first()
        .getAttribute('aria-valuetext'),
    ).toBe('0%');
    await reviewScreen(page, 'scoreboard');

    // A holiday on Wednesday 3 March: 2 business days.
    await page.getByRole('combobox', { name: 'Country' }).last().click({ force: true });
    await page.getByRole('option', { name: 'France', exact: true }).click();
    await page.getByRole('textbox', { name: 'Day', exact: true }).fill('2027-03-03');
    await page.getByLabel('Name', { exact: true }).fill('A holiday');
    await page.getByRole('button', { name: 'Add the holiday' }).click();
    await page.getByText('Holiday added.').waitFor();
    await page.getByRole('table', { name: 'Holidays' }).getByText('2027-03-03').waitFor();
    await table.getByText('2 days').first().waitFor();
    // Coordinators may not publish it: the switch is shown, disabled.
    expect(await page.getByRole('switch', { name: 'Publish the scoreboard' }).isDisabled()).toBe(true);
    await reviewScreen(page, 'scoreboard-holidays');

    await page.goto(`${rally.baseUrl}/console/o/${slug}/campaigns/${campaignId}`);
    const rate = page.getByRole('region', { name: 'Response rate' });
    await rate.getByText('50%').first().waitFor();
    await rate.getByText('of waves with a substantive answer').waitFor();
    await reviewScreen(page, 'campaign-response-rate');
    await rate.getByRole('link', { name: 'See the scoreboard per ministry' }).click();
    await page.waitForURL(new RegExp(`/o/${slug}/scoreboard\\?campaignId=${campaignId}`));
    await page.close();
  });
});
