import { readFileSync } from 'node:fs';
import type { BrowserContext } from 'playwright-core';
import { Role } from '#rally/access';
import { addMember, createOrgWithMember, TEST_PASSWORD } from '#rally-testing/organisations';
import { describeInBrowser, launchBrowser } from '../support/browser.js';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import { confirmLink, mailsTo } from '../petitions/petition-helpers.js';
import { consoleUrl, requireBuiltConsole, reviewScreen, signIn, tabTo } from './console-helpers.js';

describeInBrowser('staff console: a campaigner runs a petition', () => {
  let rally: RallyHarness;
  let browser: { context: BrowserContext; close(): Promise<void> };
  beforeAll(async () => {
    requireBuiltConsole();
    rally = await startRally({
      env: {
        SIGN_MIN_FILL_SECONDS: '1',
        SIGNATURE_MAIL_POLL_MS: '200',
        PETITION_COUNT_FLUSH_MS: '200',
        PETITION_COUNT_CACHE_MS: '200',
      },
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await rally?.close();
  });

  it('creates a campaign and a petition (the petition with the keyboard alone), opens it, sees a signature arrive and downloads the CSV', async () => {
    const admin = await createOrgWithMember(rally, { organisation: { name: 'Children First', defaultLanguage: 'fr' } });
    const campaigner = await addMember(rally, admin.organisation, { role: Role.Campaigner });
    const slug = admin.organisation.slug;
    const page = await browser.context.newPage();
    await signIn(page, rally, campaigner.user.email, TEST_PASSWORD, `/o/${slug}/campaigns`);
    await reviewScreen(page, 'campaigns-empty');

    await page.getByRole('link', { name: 'New campaign' }).first().click();
    await page.waitForURL(`**/o/${slug}/campaigns/new`);
    await reviewScreen(page, 'campaign-new');
    await page.getByLabel(/^Name/).fill('No child in detention');
    await page.getByLabel(/^Description/).fill('Alternatives to detention for every child, by 2028.');
    await page.getByRole('button', { name: 'Create the campaign' }).click();
    await page.getByText('Campaign “No child in detention” created.').waitFor();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    await reviewScreen(page, 'campaign-detail');

    // The petition, keyboard only: Tab between fields, type, Enter to send.
    await page.goto(consoleUrl(rally, `/o/${slug}/petitions/new`));
    await page.getByRole('heading', { name: 'New petition' }).waitFor();
    await reviewScreen(page, 'petition-new');
    await tabTo(page, /^Title/);
    await page.keyboard.type('Free every child from detention');
    await tabTo(page, /^The ask/);
    await page.keyboard.type('We ask the Ministry of Justice to end the detention of children and fund alternatives.');
    await tabTo(page, /^Goal/);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('100');
    await tabTo(page, /^Create the draft/);
    await page.keyboard.press('Enter');

    await page.getByText('Draft “Free every child from detention” created.', { exact: false }).waitFor();
    await page.waitForURL(/\/petitions\/[0-9a-f-]{36}$/);
    // The public address followed the title; the language is the organisation's.
    const share = page.getByRole('textbox', { name: 'Public page' });
    expect(await share.inputValue()).toBe(`${rally.baseUrl}/p/free-every-child-from-detention`);

    // Opening asks first, in a dialog, and says what supporters will see.
    await page.getByRole('button', { name: 'Open for signatures' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open this petition?' });
    await dialog.getByText('anyone with the link can sign it', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Open for signatures' }).click();
    await page.getByText('is open for signatures.', { exact: false }).waitFor();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('0 of 100 signatures').first().waitFor();
    const embed = await page.getByRole('textbox', { name: 'Embed the live count' }).inputValue();
    expect(embed).toBe(
      `<script src="${rally.baseUrl}/p/assets/widget.js" data-petition="free-every-child-from-detention" async></script>`,
    );
    await reviewScreen(page, 'petition-open');

    // A supporter signs on the public page (in French, the petition's language) and confirms from the mail.
    const publicPage = await browser.context.newPage();
    await publicPage.goto(`${rally.baseUrl}/p/free-every-child-from-detention`);
    await publicPage.getByLabel('Prénom', { exact: true }).fill('Awa');
    await publicPage.getByLabel('Adresse e-mail', { exact: true }).fill('awa.supporter@example.org');
    await publicPage.getByLabel('Pays', { exact: true }).selectOption('SN');
    await publicPage.waitForTimeout(1_100); // a person takes longer than the minimum time-to-fill
    await publicPage.getByRole('button', { name: /Signer/ }).click();
    await publicPage.waitForURL('**/thanks');
    const [mail] = await mailsTo(rally, 'awa.supporter@example.org', 1);
    await publicPage.goto(confirmLink(mail));
    await publicPage.getByRole('button').first().click();
    await publicPage.waitForURL('**/confirmed');
    await publicPage.close();

    // The console was not reloaded: the live count moves by itself.
    await page.getByText('1 of 100 signatures').first().waitFor({ timeout: 20_000 });

    // The export, as the browser saves it.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download signatures (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('free-every-child-from-detention-signatures.csv');
    const csv = readFileSync((await download.path()) as string, 'utf8');
    expect(csv).toContain('awa.supporter@example.org');

    // Paper signatures join the count; the batch is listed with its source.
    await page.getByRole('textbox', { name: /^Signatures/ }).fill('25');
    await page.getByLabel(/^Where they come from/).fill('Stall at the Saturday market');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByText('25 paper signatures added to the count.').waitFor();
    await page.getByRole('table', { name: 'Paper signatures' }).getByText('Stall at the Saturday market').waitFor();
    await page.getByText('26 of 100 signatures').first().waitFor();

    // Every field can change after creation: the goal, milestones, the close date.
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.waitForURL(/\/edit$/);
    await reviewScreen(page, 'petition-edit');
    const goal = page.getByRole('textbox', { name: /^Goal/ });
    await goal.fill('200');
    const milestones = page.getByRole('combobox', { name: /^Milestones/ });
    await milestones.fill('50');
    await milestones.press('Enter');
    await milestones.fill('150');
    await milestones.press('Enter');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').first().waitFor();
    await page.waitForURL(/\/petitions\/[0-9a-f-]{36}$/);
    await page.getByText('26 of 200 signatures').first().waitFor();
    await page.getByText('Milestones: 50 · 150').waitFor();

    // Closing asks first; a closed petition can be reopened.
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await page
      .getByRole('dialog', { name: 'Close this petition?' })
      .getByRole('button', { name: 'Close', exact: true })
      .click();
    // The notification, not the confirmation's words (the dialog may still be fading out, and says "is closed." too).
    await page.getByRole('alert').filter({ hasText: 'is closed.' }).first().waitFor();
    await page.getByRole('button', { name: 'Reopen' }).click();
    await page.getByRole('dialog', { name: 'Reopen this petition?' }).getByRole('button', { name: 'Reopen' }).click();
    await page.getByRole('alert').filter({ hasText: 'is open again.' }).first().waitFor();

    // The list finds it by status and text, with the filters in the address.
    await page.goto(consoleUrl(rally, `/o/${slug}/petitions?status=open&q=child`));
    await page.getByRole('link', { name: 'Free every child from detention' }).waitFor();
    await reviewScreen(page, 'petitions');
    await page.goto(consoleUrl(rally, `/o/${slug}/petitions?status=draft`));
    await page.getByText('No petition matches these filters.').waitFor();
    await page.goto(consoleUrl(rally, `/o/${slug}/campaigns`));
    await page.getByRole('link', { name: 'No child in detention' }).waitFor();
    await reviewScreen(page, 'campaigns');

    // Home: the open petition with its count, its days and where signatures come from.
    await page.goto(consoleUrl(rally, `/o/${slug}`));
    await page.getByRole('link', { name: 'Free every child from detention' }).first().waitFor();
    await page.getByRole('table', { name: 'By country' }).getByRole('cell', { name: 'Senegal' }).waitFor();
    await page.getByText('1 signature in the last 30 days.').first().waitFor();
    await reviewScreen(page, 'home');
    await page.close();
  });

  it("shows the server's validation messages on the fields, and asks before leaving unsaved changes", async () => {
    const campaigner = await createOrgWithMember(rally, { role: Role.Campaigner });
    const slug = campaigner.organisation.slug;
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await signIn(page, rally, campaigner.user.email, TEST_PASSWORD, `/o/${slug}/campaigns/new`);
    await page.getByLabel(/^Name/).fill('Campaign with a petition');
    await page.getByRole('button', { name: 'Create the campaign' }).click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    await page.getByRole('link', { name: 'New petition' }).click();
    await page.getByLabel(/^Title/).fill('Taken address');
    await page.getByLabel(/^The ask/).fill('An ask that is long enough to pass.');
    await page.getByRole('button', { name: 'Create the draft' }).click();
    await page.waitForURL(/\/petitions\/[0-9a-f-]{36}$/);

    await page.goto(consoleUrl(rally, `/o/${slug}/petitions/new`));
    await page.getByLabel(/^Title/).fill('Taken address');
    await page.getByLabel(/^The ask/).fill('Another ask that is long enough.');
    await page.getByRole('button', { name: 'Create the draft' }).click();
    // The server refuses the address already used; its message appears under the field, the form keeps its values.
    const slugField = page.getByLabel(/^Public address/);
    await page.locator(`#${await slugField.getAttribute('id')}-error`).waitFor();
    expect(await slugField.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel(/^Title/).inputValue()).toBe('Taken address');

    await page.getByRole('link', { name: 'Campaigns' }).click();
    const leave = page.getByRole('dialog', { name: 'Unsaved changes' });
    await leave.waitFor();
    await leave.getByRole('button', { name: 'Stay on this page' }).click();
    expect(new URL(page.url()).pathname).toBe(`/console/o/${slug}/petitions/new`);
    await page.getByRole('link', { name: 'Campaigns' }).click();
    await page
      .getByRole('dialog', { name: 'Unsaved changes' })
      .getByRole('button', { name: 'Leave without saving' })
      .click();
    await page.waitForURL(`**/console/o/${slug}/campaigns`);
    await page.close();
  });
});
