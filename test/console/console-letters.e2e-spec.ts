import type { BrowserContext, Page } from 'playwright-core';
import { Role } from '#rally/access';
import type { StaffHandle } from '#rally-testing/organisations';
import { addMember, createOrgWithMember, TEST_PASSWORD } from '#rally-testing/organisations';
import { aLetterForm } from '#rally-testing/letters';
import { ManualClock } from '#rally-testing/core';
import { aCampaign } from '#rally-testing/petitions';
import { aTarget } from '#rally-testing/targets';
import { describeInBrowser, launchBrowser } from '../support/browser.js';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import { confirmLink, postLetterJson, pressConfirm } from '../letters/letter-helpers.js';
import { consoleUrl, requireBuiltConsole, reviewScreen, signIn } from './console-helpers.js';

const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });
const notice = (page: Page, text: string | RegExp) => page.getByRole('alert').filter({ hasText: text }).first();

describeInBrowser('staff console: a campaigner runs a letter action', () => {
  // A Monday morning in Paris, inside the office-hours window a new action gets: the letters go at once, whatever
  // the hour the suite runs (at 18:30 UTC they waited for the next morning and the test timed out).
  const clock = new ManualClock('2027-03-01T09:00:00Z');
  let rally: RallyHarness;
  let browser: { context: BrowserContext; close(): Promise<void> };
  let campaigner: StaffHandle;
  let coordinator: StaffHandle;
  beforeAll(async () => {
    requireBuiltConsole();
    rally = await startRally({
      clock,
      env: {
        LETTER_RATE_IP_PER_MINUTE: '10000',
        LETTER_RATE_IP_PER_HOUR: '10000',
        LETTER_DISPATCH_MS: '200',
        LETTER_SUPPORTER_MAIL_MS: '200',
      },
    });
    browser = await launchBrowser();
    const admin = await createOrgWithMember(rally, { organisation: { name: 'Voices for Children' } });
    campaigner = await addMember(rally, admin.organisation, { role: Role.Campaigner });
    coordinator = await addMember(rally, admin.organisation, { role: Role.Coordinator });
  });
  afterAll(async () => {
    await browser?.close();
    await rally?.close();
  });

  it('creates an action, writes its letter with the live preview, routes and opens it, and follows a letter to its target', async () => {
    const slug = campaigner.organisation.slug;
    await aCampaign(rally, campaigner, 'Children out of detention');
    const justice = await aTarget(rally, campaigner, {
      name: 'Minister of Justice',
      salutation: 'Dear Minister',
      language: 'en',
      country: 'FR',
    });
    const interior = await aTarget(rally, campaigner, {
      name: 'Ministre de l’Intérieur',
      salutation: 'Monsieur le Ministre',
      language: 'fr',
      country: 'FR',
    });
    const page = await browser.context.newPage();
    await signIn(page, rally, campaigner.user.email, TEST_PASSWORD, `/o/${slug}/letters`);
    await page.getByRole('heading', { name: 'No letter actions yet' }).waitFor();
    await reviewScreen(page, 'letters-empty');

    // New action: the address follows the title; the only campaign is chosen already.
    await page.getByRole('link', { name: 'New letter action' }).first().click();
    await page.waitForURL(`**/o/${slug}/letters/new`);
    await page.getByRole('heading', { name: 'New letter action' }).waitFor();
    await reviewScreen(page, 'letter-new');
    await page.getByLabel(/^Title/).fill('Write to the ministers');
    expect(await page.getByLabel(/^Public address/).inputValue()).toBe('write-to-the-ministers');
    await page.getByLabel(/^Introduction/).fill('Ask the government to end child detention.');
    await page.getByRole('button', { name: 'Create the draft' }).click();
    await page.getByText('Draft “Write to the ministers” created.', { exact: false }).waitFor();
    await page.waitForURL(/\/letters\/[0-9a-f-]{36}\?tab=letter$/);

    // Opening without a letter: the server's "not ready" answer says what is missing.
    await tab(page, 'Open and test').click();
    await page.getByRole('button', { name: 'Open for letters' }).click();
    const openDialog = page.getByRole('dialog', { name: 'Open this letter action?' });
    await openDialog.getByRole('button', { name: 'Open for letters' }).click();
    await openDialog.waitFor({ state: 'detached' });
    await notice(page, 'This letter action cannot open yet')
      .getByText(/^Letter: needs a letter/)
      .waitFor();

    // The letter: an unknown merge field is shown with its line and column while typing, before anything is saved.
    await tab(page, 'Letter').click();
    await page.getByLabel(/^Subject line 1/).fill('Children do not belong in detention');
    const body = page.getByRole('textbox', { name: /^Body/ });
    await body.fill('{{target.salutation}},\n\nI am {{supporter.fristName}}.\n');
    const problem = page.getByTestId('template-problem').filter({ hasText: 'fristName' });
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(/^Line 3, column \d+ \(Body\): .*supporter\.fristName/);
    // Fixed with the merge field list: it goes in at the cursor.
    await body.fill('{{target.salutation}},\n\nI am .\n\n{{supporter.paragraph}}\n');
    await body.evaluate((el) =>
      (el as unknown as { setSelectionRange(a: number, b: number): void }).setSelectionRange(29, 29),
    );
    await page.getByRole('button', { name: 'Insert supporter.fullName' }).click();
    expect(await body.inputValue()).toBe(
      '{{target.salutation}},\n\nI am {{supporter.fullName}}.\n\n{{supporter.paragraph}}\n',
    );
    await page.getByTestId('preview-text').filter({ hasText: 'I am Amina Kone.' }).waitFor();
    await page.getByTestId('template-problem').waitFor({ state: 'detached' });
    expect(await page.getByTestId('preview-subject').textContent()).toBe(
      'Subject: Children do not belong in detention',
    );
    // For one of the targets, and as the HTML part (in a frame that runs nothing).
    await page.getByRole('combobox', { name: 'Preview for' }).click();
    await page.getByRole('option', { name: /^Minister of Justice/ }).click();
    await page.getByText('As Minister of Justice will receive it, in English.').waitFor();
    await page.getByText('HTML', { exact: true }).click();
    const frame = page.locator('iframe[title="The HTML part of the letter"]');
    await frame.waitFor();
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect(await frame.getAttribute('srcdoc')).toContain('Dear Minister,');
    await page.getByText('Text', { exact: true }).click();
    await page.getByRole('button', { name: 'Add a subject line (at most 10)' }).click();
    await page.getByLabel(/^Subject line 2/).fill('End child detention now');
    await page.getByRole('button', { name: 'Save the letter' }).click();
    await page.getByText('The English letter is saved.').waitFor();
    await page.getByRole('button', { name: 'Subject 1 of 2: next' }).click();
    await page.getByTestId('preview-subject').filter({ hasText: 'End child detention now' }).waitFor();
    await reviewScreen(page, 'letter-editor');

    // A French variant, for the French-speaking target.
    await page.getByRole('button', { name: 'Add a language' }).click();
    await page.getByRole('menuitem', { name: 'French' }).click();
    await page.getByText('Targets whose language is French get this letter', { exact: false }).waitFor();
    await page.getByLabel(/^Subject line 1/).fill('Les enfants ne doivent pas être détenus');
    await page.getByLabel(/^Subject line 2/).fill('Libérez les enfants');
    await body.fill('{{target.salutation}},\n\nJe suis {{supporter.fullName}}.\n');
    await page.getByTestId('preview-text').filter({ hasText: 'Je suis Amina Kone.' }).waitFor();
    await page.getByRole('button', { name: 'Save the letter' }).click();
    await page.getByText('The French letter is saved.').waitFor();

    // Routing: a random sample of both targets.
    await tab(page, 'Routing').click();
    await page.getByRole('radio', { name: 'A random sample' }).check();
    const list = page.getByRole('combobox', { name: /^Targets to draw from/ });
    await list.click();
    await page.getByRole('option', { name: /^Minister of Justice/ }).click();
    await page.getByRole('option', { name: /^Ministre de l’Intérieur/ }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('textbox', { name: /^Targets per letter/ }).fill('2');
    await page.getByRole('button', { name: 'Save the routing' }).click();
    await page.getByText('Saved.').first().waitFor();
    await reviewScreen(page, 'letter-routing');

    // Open, with a confirmation saying where the page is.
    await tab(page, 'Open and test').click();
    await page.getByRole('button', { name: 'Open for letters' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open this letter action?' });
    await dialog.getByText(`${rally.baseUrl}/l/write-to-the-ministers`, { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Open for letters' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('“Write to the ministers” is open for letters.').waitFor();
    await reviewScreen(page, 'letter-lifecycle');

    // A supporter writes (as a page with JavaScript would) and confirms from the mail.
    const form = aLetterForm({ country: 'FR', paragraph: 'My son was held for a week.' }, clock.now().getTime());
    const preview = (await (await postLetterJson(rally, 'write-to-the-ministers', 'preview', form)).json()) as {
      plan: string;
    };
    expect(
      (await postLetterJson(rally, 'write-to-the-ministers', 'send', { ...form, plan: preview.plan })).status,
    ).toBe(202);
    const [confirmation] = await rally.smtp!.waitFor(1, (m) => m.to === form.email);
    expect((await pressConfirm(confirmLink(confirmation!))).status).toBe(303);
    await rally.smtp!.waitFor(1, (m) => m.to === justice.emails![0]!.address);
    await rally.smtp!.waitFor(1, (m) => m.to === interior.emails![0]!.address);

    // Delivery shows both letters sent, per target, and each letter as it went.
    await tab(page, 'Delivery').click();
    const perTarget = page.getByRole('table', { name: 'Letters per target' });
    await perTarget.getByRole('row', { name: /^Minister of Justice 1 1 0 0 0/ }).waitFor({ timeout: 20_000 });
    await perTarget.getByRole('row', { name: /^Ministre de l’Intérieur 1 1 0 0 0/ }).waitFor({ timeout: 20_000 });
    const letters = page.getByRole('table', { name: 'The letters' });
    await letters
      .getByText('Les enfants ne doivent pas être détenus')
      .or(letters.getByText('Libérez les enfants'))
      .first()
      .waitFor();
    await letters.getByRole('row').filter({ hasText: 'Minister of Justice' }).getByRole('button').first().click();
    const sent = page.getByRole('dialog', { name: 'The letter as sent' });
    await sent.getByTestId('letter-body').filter({ hasText: 'I am Amina Kone.' }).waitFor();
    expect(await sent.getByTestId('letter-body').textContent()).toContain('My son was held for a week.');
    await sent.getByText(`Minister of Justice <${justice.emails![0]!.address}>`).waitFor();
    await sent.getByText(/^reply\+/).waitFor();
    await reviewScreen(page, 'letter-sent');
    await sent.getByRole('button', { name: 'Dismiss' }).click();
    await sent.waitFor({ state: 'detached' });
    await reviewScreen(page, 'letter-delivery');

    // Test mode: on, with the member's own address; prominent while on; off again after a confirmation.
    await tab(page, 'Open and test').click();
    expect(await page.getByLabel(/^Test letters go to/).inputValue()).toBe(campaigner.user.email);
    await page.getByRole('switch', { name: 'Test mode' }).click({ force: true });
    await page.getByText(`Test mode is on: letters go to ${campaigner.user.email}.`).waitFor();
    await page.getByText('Test mode is on', { exact: true }).waitFor();
    await page.getByText(`Every letter goes to ${campaigner.user.email}, not to the targets.`).first().waitFor();
    await page.getByRole('switch', { name: 'Test mode' }).click({ force: true });
    await page
      .getByRole('dialog', { name: 'Turn test mode off?' })
      .getByRole('button', { name: 'Send to the targets' })
      .click();
    await page.getByText('Test mode is off: letters go to the targets.').waitFor();

    // The list links the public page; the campaign shows its letters per target.
    await page.goto(consoleUrl(rally, `/o/${slug}/letters?status=open`));
    const row = page.getByRole('row').filter({ hasText: 'Write to the ministers' });
    expect(await row.getByRole('link', { name: '/l/write-to-the-ministers' }).getAttribute('href')).toBe(
      `${rally.baseUrl}/l/write-to-the-ministers`,
    );
    await reviewScreen(page, 'letters');
    await page.goto(consoleUrl(rally, `/o/${slug}/letters?status=draft`));
    await page.getByText('No letter action matches these filters.').waitFor();
    await page.goto(consoleUrl(rally, `/o/${slug}/campaigns`));
    await page.getByRole('link', { name: 'Children out of detention' }).click();
    await page.getByText('2 letters, 2 sent.').waitFor();
    const campaignTargets = page.getByRole('table', { name: 'Letters per target' });
    await campaignTargets.getByRole('row', { name: /^Minister of Justice 1 1/ }).waitFor();
    await page.locator('.recharts-surface').first().waitFor();
    await reviewScreen(page, 'campaign-letters');
    await page.close();
  });

  // Reads what the first test made (the action, its letters).
  it('shows a coordinator every screen without the controls that change anything', async () => {
    const slug = coordinator.organisation.slug;
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await signIn(page, rally, coordinator.user.email, TEST_PASSWORD, `/o/${slug}/letters`);
    await page.getByRole('link', { name: 'Write to the ministers' }).waitFor();
    expect(await page.getByRole('link', { name: 'New letter action' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Write to the ministers' }).click();
    await page.getByText('Your role can read this letter action but not change it.').waitFor();
    expect(await page.getByLabel(/^Title/).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Save the details' }).count()).toBe(0);
    await reviewScreen(page, 'letter-read-only');

    await tab(page, 'Letter').click();
    await page.getByTestId('preview-text').filter({ hasText: 'I am Amina Kone.' }).waitFor();
    expect(await page.getByRole('textbox', { name: /^Body/ }).getAttribute('readonly')).not.toBeNull();
    expect(await page.getByRole('button', { name: 'Save the letter' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add a language' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Insert / }).count()).toBe(0);

    await tab(page, 'Routing').click();
    expect(await page.getByRole('radio', { name: 'A random sample' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Save the routing' }).count()).toBe(0);

    await tab(page, 'Open and test').click();
    expect(await page.getByRole('button', { name: 'Close', exact: true }).count()).toBe(0);
    expect(await page.getByRole('switch', { name: 'Test mode' }).isDisabled()).toBe(true);

    await tab(page, 'Delivery').click();
    await page
      .getByRole('table', { name: 'Letters per target' })
      .getByRole('row', { name: /^Minister of Justice/ })
      .waitFor();
    expect(await page.getByRole('button', { name: /^Cancel the letters to/ }).count()).toBe(0);
    await reviewScreen(page, 'letter-delivery-read-only');
    await page.close();
  });
});
