import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { Role } from '#rally/access';
import { sqlRows } from '#rally/core';
import type { Target } from '#rally/targets';
import { aLetterAction, aStoredLetter } from '#rally-testing/letters';
import type { StaffHandle } from '#rally-testing/organisations';
import { addMember, createOrgWithMember, dataSourceOf, TEST_PASSWORD } from '#rally-testing/organisations';
import { aCampaign } from '#rally-testing/petitions';
import { aResponse } from '#rally-testing/responses';
import { aTarget } from '#rally-testing/targets';
import { addressesOf, aReply, sendToInbound } from '../inbound/inbound-helpers.js';
import { describeInBrowser, launchBrowser } from '../support/browser.js';
import { waitUntil } from '../support/processes.js';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import { consoleUrl, reviewScreen, signIn } from './console-helpers.js';

/** Picks an option of a Mantine select by its label, within a dialog when the screen has a filter of that name. */
async function choose(page: Page, label: string | RegExp, option: string | RegExp, within: Page | Locator = page) {
  await within
    .getByLabel(label, { exact: typeof label === 'string' })
    .first()
    .click({ force: true });
  await page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
}

describeInBrowser('staff console: the response log', () => {
  let rally: RallyHarness;
  let browser: { context: BrowserContext; close(): Promise<void> };
  let admin: StaffHandle;
  let coordinator: StaffHandle;
  let campaigner: StaffHandle;
  let db: DataSource;
  let campaignId: string;
  let justice: Target;
  let slug: string;

  beforeAll(async () => {
    // The inbound server and the worker: the draft comes from a reply sent by SMTP and processed as in production.
    rally = await startRally({ inbound: true });
    browser = await launchBrowser();
    admin = await createOrgWithMember(rally, { role: Role.Admin, organisation: { name: 'Children First' } });
    coordinator = await addMember(rally, admin.organisation, { role: Role.Coordinator });
    campaigner = await addMember(rally, admin.organisation, { role: Role.Campaigner });
    slug = admin.organisation.slug;
    db = dataSourceOf(rally);
    campaignId = await aCampaign(rally, admin);
    const actionId = (await aLetterAction(rally, admin, { campaignId })).id;
    justice = await aTarget(rally, admin, { name: 'Ministry of Justice' });
    // Recorded earlier, and more recent than nothing: the draft must still come before it.
    await aResponse(rally, admin, {
      targetId: justice.id,
      occurredOn: '2099-01-15',
      summary: 'The cabinet promised a written answer.',
      stance: 'acknowledged',
    });

    // A letter as the dispatcher leaves it once the relay took it, then the minister's office answers it.
    const { letterId } = await aStoredLetter(rally, admin, actionId, justice.id);
    const email = justice.emails![0]!;
    await db.query(
      `UPDATE letters SET status = 'handed', handed_at = now(), target_email_id = $2, recipient = $3,
         address_normalized = $4, message_id = $5 WHERE id = $1`,
      [letterId, email.id, email.address, email.addressNormalized, addressesOf(rally).messageId(letterId)],
    );
    const to = addressesOf(rally).replyTo(letterId);
    await sendToInbound(rally, { from: 'cabinet@justice.example.gov', to: [to] }, aReply(to));
    await waitUntil(async () => {
      const drafts = await sqlRows(db, `SELECT response_id FROM response_letters WHERE letter_id = $1`, [letterId]);
      return drafts.length === 1;
    }, 15_000);
  });
  afterAll(async () => {
    await browser?.close();
    await rally?.close();
  });

  it('a coordinator sees the captured reply first, classifies it, records a meeting and deletes an entry', async () => {
    const page = await browser.context.newPage();
    await signIn(page, rally, coordinator.user.email, TEST_PASSWORD, `/o/${slug}`);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Responses' }).click();
    await page.waitForURL(`**/o/${slug}/responses`);
    const table = page.getByRole('table', { name: 'Responses' });
    const rows = table.locator('tbody tr');
    await rows.nth(1).waitFor();
    // The draft first although the recorded one is dated later.
    await rows.first().getByText('To classify', { exact: true }).waitFor();
    await rows.first().getByText('Reply to a letter', { exact: true }).waitFor();
    await rows.nth(1).getByText('Acknowledged', { exact: true }).waitFor();
    await reviewScreen(page, 'responses');

    await page.getByRole('button', { name: /^Classify the response of Ministry of Justice/ }).click();
    const classify = page.getByRole('dialog', { name: 'Classify the response' });
    await classify.getByText('Letters it answers').waitFor();
    await classify.getByText('Captured replies').waitFor();
    // Recording needs a stance: the server says so beside the field.
    await classify.getByRole('button', { name: 'Record' }).click();
    await classify.getByText('stance is required to record a response').waitFor();
    await reviewScreen(page, 'response-classify-errors');
    await choose(page, 'Stance', 'Committed', classify);
    await classify.getByLabel('Summary').fill('The minister commits to end detention of children in waiting zones.');
    await classify.getByLabel('Recommendations').fill('GEN-1');
    await page.getByRole('option', { name: /^GEN-1 — / }).click();
    await page.keyboard.press('Escape');
    await reviewScreen(page, 'response-classify');
    await classify.getByRole('button', { name: 'Record' }).click();
    await page.getByText('Response of Ministry of Justice recorded.').waitFor();
    await classify.waitFor({ state: 'detached' });
    await table.getByText('Committed', { exact: true }).waitFor();
    expect(await table.getByText('To classify', { exact: true }).count()).toBe(0);
    await table.getByText('GEN-1', { exact: true }).waitFor();

    // A meeting, logged by hand; a bad evidence link is refused beside its input.
    await page.getByRole('button', { name: 'Record a response' }).click();
    const add = page.getByRole('dialog', { name: 'Record a response' });
    await choose(page, /^Target/, 'Ministry of Justice', add);
    await add.getByLabel(/^Date/).fill('2099-02-10');
    await choose(page, 'Stance', 'Partially committed', add);
    await add
      .getByLabel('Summary')
      .fill('At the meeting the cabinet agreed to review waiting zones, not police cells.');
    await add.getByRole('button', { name: 'Add an evidence link' }).click();
    await add.getByLabel('Evidence link 1', { exact: true }).fill('not a link');
    await add.getByLabel('What evidence link 1 supports').fill('the meeting notes');
    await add.getByRole('button', { name: 'Record' }).click();
    await add.getByText('url must be an http(s) address').waitFor();
    await add.getByLabel('Evidence link 1', { exact: true }).fill('https://justice.example.gov/meetings/2099-02-10');
    await add.getByRole('button', { name: 'Record' }).click();
    await page.getByText('Response of Ministry of Justice recorded.').first().waitFor();
    await add.waitFor({ state: 'detached' });
    await table.getByText('At the meeting the cabinet agreed', { exact: false }).waitFor();
    await rows.first().getByText('Meeting', { exact: true }).waitFor();

    // Filters live in the address.
    await choose(page, 'Stance', 'Partially committed');
    await page.waitForURL(/stance=partially-committed/);
    await table.getByText('The cabinet promised a written answer.').waitFor({ state: 'detached' });
    await table.getByText('At the meeting the cabinet agreed', { exact: false }).waitFor();
    await choose(page, 'Stance', 'All stances');
    await choose(page, 'Status', 'Draft');
    await page.getByText('No response matches these filters.').waitFor();
    await choose(page, 'Status', 'All statuses');

    await page.getByRole('button', { name: /^Delete the response of Ministry of Justice of Jan 15, 2099/ }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete this response?' });
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await page.getByText('Response of Ministry of Justice deleted.').waitFor();
    await table.getByText('The cabinet promised a written answer.').waitFor({ state: 'detached' });

    // From a reply in its thread, from the target and from the campaign: the log of each.
    await page.goto(consoleUrl(rally, `/o/${slug}/replies`));
    await page.getByRole('link', { name: 'Responses of this target' }).first().click();
    await page.waitForURL(new RegExp(`/responses\\?targetId=${justice.id}`));
    await page.getByRole('heading', { name: 'Responses of Ministry of Justice' }).waitFor();
    await table.getByText('GEN-1', { exact: true }).waitFor();
    await page.goto(consoleUrl(rally, `/o/${slug}/targets/${justice.id}`));
    await page.getByRole('link', { name: 'Responses of this target' }).click();
    await page.waitForURL(new RegExp(`/responses\\?targetId=${justice.id}`));
    await page.goto(consoleUrl(rally, `/o/${slug}/campaigns/${campaignId}`));
    await page.getByRole('link', { name: 'Responses of its targets' }).click();
    await page.waitForURL(new RegExp(`/responses\\?campaignId=${campaignId}`));
    // The classified draft belongs to the campaign of the letter it answered; the meeting was logged without one.
    await table.getByText('GEN-1', { exact: true }).waitFor();
    expect(await table.getByText('At the meeting the cabinet agreed', { exact: false }).count()).toBe(0);
    await page.close();
  });

  it('a campaigner reads the log with no button to change it', async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await signIn(page, rally, campaigner.user.email, TEST_PASSWORD, `/o/${slug}/responses`);
    const table = page.getByRole('table', { name: 'Responses' });
    await table.getByText('Ministry of Justice').first().waitFor();
    expect(
      await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Responses' }).count(),
    ).toBe(1);
    expect(await page.getByRole('button', { name: 'Record a response' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^(Classify|Edit|Delete) the response/ }).count()).toBe(0);
    await reviewScreen(page, 'responses-campaigner');
    await page.close();
  });
});
