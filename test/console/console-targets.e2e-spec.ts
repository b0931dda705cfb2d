import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { Role } from '#rally/access';
import { addMember, createOrgWithMember, TEST_PASSWORD } from '#rally-testing/organisations';
import { describeInBrowser, launchBrowser } from '../support/browser.js';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import { consoleUrl, requireBuiltConsole, reviewScreen, signIn } from './console-helpers.js';

// Two valid rows and one whose address is not one: the check reports row 4 (the header is row 1), apply skips it.
const IMPORT_CSV = [
  'name,kind,country,language,emails,external_id',
  'Ministry of the Interior,ministry,FR,fr,contact@interieur.example.gov,FR-MI',
  'Paul Durand,parliamentarian,FR,fr,pdurand@assemblee.example.fr,FR-PD',
  'Broken Row,ministry,FR,fr,not-an-address,FR-BR',
].join('\n');

/** Picks an option of a Mantine select (or multi-select, whose input sits under its pills box) by its label. */
async function choose(page: Page, label: RegExp, option: string): Promise<void> {
  await page.getByLabel(label).first().click({ force: true });
  await page.getByRole('option', { name: option, exact: true }).click();
}

describeInBrowser('staff console: the target directory', () => {
  let rally: RallyHarness;
  let browser: { context: BrowserContext; close(): Promise<void> };
  beforeAll(async () => {
    requireBuiltConsole();
    rally = await startRally();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await rally?.close();
  });

  it('creates, finds, edits a target, keeps its addresses and responsibilities, imports a CSV and fills the area lookup', async () => {
    const admin = await createOrgWithMember(rally, { organisation: { name: 'Children First' } });
    const campaigner = await addMember(rally, admin.organisation, { role: Role.Campaigner });
    const slug = admin.organisation.slug;
    const page = await browser.context.newPage();
    await signIn(page, rally, campaigner.user.email, TEST_PASSWORD, `/o/${slug}/targets`);
    await page.getByRole('heading', { name: 'No targets yet' }).waitFor();
    await reviewScreen(page, 'targets-empty');

    // A new target with every kind of field and two addresses; the country is the organisation's (FR).
    await page.getByRole('link', { name: 'New target' }).first().click();
    await page.waitForURL(`**/o/${slug}/targets/new`);
    await page.getByRole('heading', { name: 'New target' }).waitFor();
    await reviewScreen(page, 'target-new');
    await choose(page, /^Kind/, 'Minister');
    await page.getByLabel(/^Name/).fill('Jeanne Martin');
    await page.getByLabel(/^Title or role/).fill('Minister of Justice');
    await page.getByLabel(/^Ministry or body/).fill('Ministry of Justice');
    const emails = page.getByRole('combobox', { name: /^Email addresses/ });
    await emails.fill('cabinet@justice.example.gov');
    await emails.press('Enter');
    await emails.fill('jm@justice.example.gov');
    await emails.press('Enter');
    const regions = page.getByRole('combobox', { name: /^Region or constituency codes/ });
    await regions.fill('FR-ARA');
    await regions.press('Enter');
    await choose(page, /^Focus areas/, 'Administration of justice');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Create the target' }).click();
    await page.getByText('Target “Jeanne Martin” created.').waitFor();
    await page.waitForURL(/\/targets\/[0-9a-f-]{36}$/);
    const targetUrl = page.url();
    const addresses = page.getByRole('table', { name: 'Email addresses' });
    await addresses.getByRole('cell', { name: 'cabinet@justice.example.gov', exact: true }).waitFor();
    await addresses.getByRole('cell', { name: 'jm@justice.example.gov', exact: true }).waitFor();
    await reviewScreen(page, 'target-edit');

    // Found by text and by filters, kept in the address; another kind finds nothing.
    await page.goto(consoleUrl(rally, `/o/${slug}/targets`));
    await page.getByLabel('Search name, title, body or address').fill('justice');
    await page.waitForURL(/q=justice/);
    await page.getByRole('link', { name: 'Jeanne Martin' }).waitFor();
    await choose(page, /^Kind/, 'Minister');
    await page.waitForURL(/kind=minister/);
    await page.getByRole('link', { name: 'Jeanne Martin' }).waitFor();
    await reviewScreen(page, 'targets');
    await page.goto(consoleUrl(rally, `/o/${slug}/targets?kind=ministry&focusArea=administration-of-justice`));
    await page.getByText('No target matches these filters.').waitFor();
    await page.goto(consoleUrl(rally, `/o/${slug}/targets?focusArea=administration-of-justice&emailState=active`));
    await page.getByRole('link', { name: 'Jeanne Martin' }).click();
    await page.waitForURL(targetUrl);

    // Edited in place.
    await page.getByLabel(/^Title or role/).fill('Minister of Justice and Human Rights');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').first().waitFor();

    // An address disabled with a reason: the state and the reason show beside it.
    await page.getByRole('button', { name: 'Disable: jm@justice.example.gov' }).click();
    const disable = page.getByRole('dialog', { name: 'Disable this address' });
    await disable.getByLabel(/^Reason/).fill('The minister asked us to write to the cabinet');
    await disable.getByRole('button', { name: 'Disable' }).click();
    await page.getByText('jm@justice.example.gov disabled.').waitFor();
    await disable.waitFor({ state: 'detached' });
    await addresses.getByText('The minister asked us to write to the cabinet', { exact: false }).waitFor();
    await addresses.getByText('Disabled', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Enable: jm@justice.example.gov' }).waitFor();

    // A responsibility from today, replacing whoever held it; listed on the target and in the timeline.
    await page.getByRole('button', { name: 'Add a responsibility' }).click();
    const add = page.getByRole('dialog', { name: 'Add a responsibility' });
    await add.getByLabel(/^Note/).fill('Since the January reshuffle');
    await add.getByLabel(/^Replaces the current holder/).check();
    await add.getByRole('button', { name: 'Add a responsibility' }).click();
    await page.getByText('Responsibility of Jeanne Martin added.').waitFor();
    await add.waitFor({ state: 'detached' });
    await page
      .getByRole('table', { name: 'Responsibilities' })
      .getByText('until further notice', { exact: true })
      .waitFor();
    await reviewScreen(page, 'target-edit-responsibility');
    await page.getByRole('link', { name: 'See every responsibility in this country' }).click();
    await page.waitForURL(/\/targets\/responsibilities\?country=FR/);
    const timeline = page.getByRole('table', { name: 'Responsibilities' });
    await timeline.getByRole('link', { name: 'Jeanne Martin' }).waitFor();
    await timeline.getByText('Since the January reshuffle').waitFor();
    await reviewScreen(page, 'responsibilities');
    await page.goto(consoleUrl(rally, `/o/${slug}/targets/responsibilities?country=FR&on=2000-01-01`));
    await page.getByText('No responsibility matches these filters.').waitFor();

    // The CSV export, as the browser saves it.
    await page.goto(consoleUrl(rally, `/o/${slug}/targets`));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    expect(readFileSync((await download.path()) as string, 'utf8')).toContain('cabinet@justice.example.gov');

    // The import wizard: upload, mapping suggested from the header, dry run with a row error, apply the valid rows.
    await page.getByRole('link', { name: 'Import CSV' }).click();
    await page.waitForURL(/\/targets\/import\?kind=targets/);
    await reviewScreen(page, 'target-import');
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'ministries.csv', mimeType: 'text/csv', buffer: Buffer.from(IMPORT_CSV) });
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.getByText('Step 2 of 4: Map the columns').waitFor();
    await page.waitForURL(/importId=[0-9a-f-]{36}/);
    expect(await page.getByRole('combobox', { name: /^Email addresses/ }).inputValue()).toBe('emails');
    expect(await page.getByRole('combobox', { name: /^External id/ }).inputValue()).toBe('external_id');
    const history = page.getByRole('table', { name: 'Past imports' });
    await history.getByRole('link', { name: 'ministries.csv' }).waitFor();
    await transitionsDone(page);
    await reviewScreen(page, 'target-import-mapping');
    await page.getByRole('button', { name: 'Check' }).click();
    await page.getByText('Checked: 1 problem was found.', { exact: false }).waitFor({ timeout: 20_000 });
    const errors = page.getByRole('table', { name: 'Rows in error' });
    await errors.getByText('"not-an-address" is not an email address').waitFor();
    await errors.getByRole('cell', { name: '4', exact: true }).waitFor();
    expect(await countOf(page, 'to create')).toBe('2');
    await reviewScreen(page, 'target-import-checked');
    await page.getByRole('button', { name: 'Apply the valid rows' }).click();
    const apply = page.getByRole('dialog', { name: 'Apply this import?' });
    await apply.getByText('2 entries will be created', { exact: false }).waitFor();
    await apply.getByRole('button', { name: 'Apply the valid rows' }).click();
    await apply.waitFor({ state: 'detached' });
    await page.getByText('Applied', { exact: false }).first().waitFor({ timeout: 20_000 });
    expect(await countOf(page, 'created')).toBe('2');
    await history.getByText('Applied', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Open the directory' }).click();
    await page.getByRole('link', { name: 'Ministry of the Interior' }).waitFor();
    await page.getByRole('link', { name: 'Paul Durand' }).waitFor();
    expect(await page.getByRole('link', { name: 'Broken Row' }).count()).toBe(0);

    // The area lookup: a prefix mapped to a region, then listed.
    await page.getByRole('link', { name: 'Area lookup' }).click();
    await page.getByRole('heading', { name: 'No area lookup yet' }).waitFor();
    await page.getByRole('button', { name: 'Add a row' }).click();
    const row = page.getByRole('dialog', { name: 'Add a postcode prefix' });
    await row.getByLabel(/^Country/).fill('France');
    await page.getByRole('option', { name: 'France', exact: true }).click();
    await row.getByLabel(/^Postcode prefix/).fill('69');
    await row.getByLabel(/^Region code/).fill('FR-ARA');
    await row.getByLabel(/^Label/).fill('Rhône');
    await row.getByRole('button', { name: 'Save' }).click();
    await page.getByText('69 → FR-ARA saved.').waitFor();
    await row.waitFor({ state: 'detached' });
    await page.getByRole('table', { name: 'Area lookup' }).getByRole('cell', { name: 'Rhône' }).waitFor();
    await reviewScreen(page, 'area-lookup');
    await page.close();

    // The admin's own relay: saved with a server that refuses connections, the test says why.
    await browser.context.clearCookies();
    const adminPage = await browser.context.newPage();
    await signIn(adminPage, rally, admin.user.email, TEST_PASSWORD, `/o/${slug}/settings`);
    await adminPage.getByText('No relay saved: mail leaves through this installation.').waitFor();
    await adminPage.getByLabel(/^Server/).fill('127.0.0.1');
    await adminPage.getByRole('textbox', { name: /^Port/ }).fill('1');
    await adminPage.getByLabel(/^Use this relay/).uncheck();
    await adminPage.getByRole('button', { name: 'Save' }).nth(2).click();
    await adminPage.getByText('A relay is saved', { exact: false }).waitFor();
    await adminPage.getByRole('button', { name: 'Test connection' }).click();
    const failure = adminPage.getByRole('alert').filter({ hasText: 'Connection failed' });
    await failure.getByText('ECONNREFUSED', { exact: false }).waitFor({ timeout: 20_000 });
    await reviewScreen(adminPage, 'settings-relay');
    await adminPage.close();
  });
});

/**
 * Waits for CSS transitions to end: a table that just received its rows fades its "nothing here" text out over
 * 0.2 s, and axe would measure the half-faded text's contrast.
 */
async function transitionsDone(page: Page): Promise<void> {
  // Runs in the page; this (Node) test compiles without the DOM types, so the one call it makes is typed here.
  type PageDocument = { getAnimations(): { constructor: { name: string } }[] };
  await page.waitForFunction(
    () =>
      !(globalThis as unknown as { document: PageDocument }).document
        .getAnimations()
        .some((a) => a.constructor.name === 'CSSTransition'),
  );
}

/** The number shown above a count's label in the import result. */
async function countOf(page: Page, label: string): Promise<string> {
  const caption = page.getByText(label, { exact: true }).first();
  return ((await caption.locator('xpath=preceding-sibling::*[1]').textContent()) ?? '').trim();
}
