import type { BrowserContext, Locator, Page } from 'playwright-core';
import { Role } from '#rally/access';
import { aFollowUp } from '#rally-testing/followups';
import type { StaffHandle } from '#rally-testing/organisations';
import { addMember, createOrgWithMember, TEST_PASSWORD } from '#rally-testing/organisations';
import { aTarget } from '#rally-testing/targets';
import { aResponse } from '#rally-testing/responses';
import { aLetterAction } from '#rally-testing/letters';
import { aCampaign } from '#rally-testing/petitions';
import { describeInBrowser, launchBrowser } from '../support/browser.js';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import { consoleUrl, reviewScreen, signIn } from './console-helpers.js';

/** Picks an option of a Mantine select by its label, within a dialog. */
async function choose(page: Page, label: string | RegExp, option: string | RegExp, within: Page | Locator = page) {
  await within
    .getByLabel(label, { exact: typeof label === 'string' })
    .first()
    .click({ force: true });
  await page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
}

describeInBrowser('staff console: follow-ups (mine, all, calendar, form, reminders)', () => {
  let rally: RallyHarness;
  let browser: { context: BrowserContext; close(): Promise<void> };
  let admin: StaffHandle;
  let coordinator: StaffHandle;
  let campaigner: StaffHandle;
  let slug: string;

  beforeAll(async () => {
    rally = await startRally({ worker: false });
    browser = await launchBrowser();
    admin = await createOrgWithMember(rally, { role: Role.Admin, organisation: { name: 'Children First' } });
    coordinator = await addMember(rally, admin.organisation, { role: Role.Coordinator });
    campaigner = await addMember(rally, admin.organisation, { role: Role.Campaigner });
    slug = admin.organisation.slug;
    const justice = await aTarget(rally, admin, { name: 'Ministry of Justice' });
    await aResponse(rally, admin, { targetId: justice.id, occurredOn: '2026-06-03' });
    await aCampaign(rally, admin, 'Detention campaign');
    await aLetterAction(rally, admin, { status: 'draft', title: 'To the Ombudsperson' });
    await aFollowUp(rally, admin, {
      ownerId: coordinator.user.id,
      dueOn: '2020-01-10',
      title: 'Chase the 2019 answer',
    });
    await aFollowUp(rally, admin, { ownerId: admin.user.id, dueOn: '2099-03-03', title: 'Prepare the hearing' });
  });
  afterAll(async () => {
    await browser?.close();
    await rally?.close();
  });

  it('a coordinator plans a follow-up for a campaigner, finds it in all and in the calendar, edits it', async () => {
    const page = await browser.context.newPage();
    await signIn(page, rally, coordinator.user.email, TEST_PASSWORD, `/o/${slug}`);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Follow-ups' }).click();
    await page.waitForURL(`**/o/${slug}/follow-ups`);
    await page.getByRole('heading', { name: 'My follow-ups' }).waitFor();
    const mine = page.getByRole('table', { name: 'My follow-ups' });
    await mine.getByText('Chase the 2019 answer').waitFor();
    await mine.getByText('Overdue', { exact: true }).waitFor();
    expect(await mine.getByText('Prepare the hearing').count()).toBe(0);
    await reviewScreen(page, 'followups-mine');

    await page.getByRole('button', { name: 'New follow-up' }).click();
    const add = page.getByRole('dialog', { name: 'New follow-up' });
    await add.getByLabel(/^What to do/).fill('Ask the Ombudsperson for a meeting');
    await add.getByLabel(/^Due/).fill('2099-03-10');
    await choose(page, /^Owner/, 'Staff campaigner', add);
    await add.getByLabel('Targets').click();
    await page.getByRole('option', { name: 'Ministry of Justice' }).click();
    await page.keyboard.press('Escape');
    await add.getByLabel('Recommendations').fill('MIG-1');
    await page.getByRole('option', { name: /^MIG-1 — / }).click();
    await page.keyboard.press('Escape');
    await add.getByLabel('Responses').click();
    await page.getByRole('option', { name: /· Ministry of Justice$/ }).click();
    await page.keyboard.press('Escape');
    await reviewScreen(page, 'followup-new');
    await add.getByRole('button', { name: 'Create' }).click();
    await page.getByText('Ask the Ombudsperson for a meeting saved').waitFor();
    await add.waitFor({ state: 'detached' });

    await page.getByRole('navigation', { name: 'Follow-up views' }).getByRole('link', { name: 'All' }).click();
    await page.waitForURL(/view=all/);
    const all = page.getByRole('table', { name: 'All follow-ups' });
    await all.getByText('Ask the Ombudsperson for a meeting').waitFor();
    await all.getByText('Prepare the hearing').waitFor();
    await reviewScreen(page, 'followups-all');

    await page.goto(consoleUrl(rally, `/o/${slug}/follow-ups/calendar?month=2099-03`));
    await page.getByRole('heading', { name: 'Follow-up calendar' }).waitFor();
    const tenth = page.getByRole('cell', { name: /10 March 2099|March 10, 2099/ });
    await tenth.getByText('Ask the Ombudsperson for a meeting').waitFor();
    await page
      .getByRole('cell', { name: /3 March 2099|March 3, 2099/ })
      .getByText('Prepare the hearing')
      .waitFor();
    await reviewScreen(page, 'followups-calendar');
    await page.getByRole('button', { name: 'Next month' }).click();
    await page.waitForURL(/month=2099-04/);
    expect(await page.getByText('Ask the Ombudsperson for a meeting').count()).toBe(0);
    await page.getByRole('button', { name: 'Previous month' }).click();

    await page.getByRole('link', { name: 'Ask the Ombudsperson for a meeting' }).click();
    await page.getByRole('heading', { name: 'Ask the Ombudsperson for a meeting' }).waitFor();
    await page.getByText('Owner: Staff campaigner').waitFor();
    await page
      .getByRole('region', { name: 'Responses' })
      .getByText(/Ministry of Justice/)
      .waitFor();
    await page.getByRole('region', { name: 'Targets' }).getByText('Ministry of Justice').waitFor();
    await reviewScreen(page, 'followup-detail');
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel(/^What to do/).fill('Meet the Ombudsperson');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Meet the Ombudsperson saved').waitFor();
    await page.getByRole('heading', { name: 'Meet the Ombudsperson' }).waitFor();

    // Reminders: the rules are the admins'; each member chooses the language of their own mail and the digest.
    await page.goto(consoleUrl(rally, `/o/${slug}/follow-ups`));
    await page.getByRole('button', { name: 'Reminders' }).click();
    const reminders = page.getByRole('dialog', { name: 'Reminders' });
    await reminders.getByLabel('Reminders before the due date (days)').waitFor();
    expect(await reminders.getByRole('button', { name: 'Save the rules' }).count()).toBe(0);
    await choose(page, 'Language of my reminders', 'Français', reminders);
    await reminders.getByLabel('Send me a daily digest').check();
    await reviewScreen(page, 'followups-reminders');
    await reminders.getByRole('button', { name: 'Save my preferences' }).click();
    await page.getByText('Your preferences are saved').waitFor();
    await page.keyboard.press('Escape');

    // An escalation rule: the action's own fields show once it is chosen, and the server's errors beside them.
    await page.getByRole('navigation', { name: 'Follow-up views' }).getByRole('link', { name: 'Escalations' }).click();
    await page.getByRole('heading', { name: 'Escalation rules' }).waitFor();
    await page.getByText('No escalation rule yet.').waitFor();
    await page.getByRole('button', { name: 'New escalation rule' }).click();
    const rule = page.getByRole('dialog', { name: 'New escalation rule' });
    await choose(page, /^Campaign/, 'Detention campaign', rule);
    await rule.getByLabel(/^Rule/).fill('No answer in 30 days');
    await choose(page, 'Then', 'Open the next wave', rule);
    await rule.getByRole('button', { name: 'Create' }).click();
    await rule.getByText('letterActionId is required when the action is open-action').waitFor();
    await choose(page, /^Letter action to open/, 'To the Ombudsperson', rule);
    await reviewScreen(page, 'escalation-rule-form');
    await rule.getByRole('button', { name: 'Create' }).click();
    await page.getByText('Rule No answer in 30 days saved').waitFor();
    await rule.waitFor({ state: 'detached' });
    const rules = page.getByRole('table', { name: 'Escalation rules' });
    await rules.getByText('Open the next wave').waitFor();
    await rules.getByText('30 days', { exact: true }).waitFor();
    await reviewScreen(page, 'escalation-rules');
    await page.getByRole('button', { name: 'What No answer in 30 days did' }).click();
    await page
      .getByRole('dialog', { name: 'What No answer in 30 days did' })
      .getByText('It has not acted yet.')
      .waitFor();
    await page.close();
  });

  it('a campaigner sees their own follow-up, marks it done, and may not create one', async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await signIn(page, rally, campaigner.user.email, TEST_PASSWORD, `/o/${slug}/follow-ups`);
    const mine = page.getByRole('table', { name: 'My follow-ups' });
    await mine.getByText('Meet the Ombudsperson').waitFor();
    expect(await page.getByRole('button', { name: 'New follow-up' }).count()).toBe(0);
    await reviewScreen(page, 'followups-campaigner');
    await page.getByRole('button', { name: 'Mark Meet the Ombudsperson done' }).click();
    await page.getByText('Meet the Ombudsperson is done').waitFor();
    await mine.getByText('Meet the Ombudsperson').waitFor({ state: 'detached' });
    await page.close();
  });
});
