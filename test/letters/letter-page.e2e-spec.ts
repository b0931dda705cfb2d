import type { BrowserContext, Page } from 'playwright-core';
import { Role } from '#rally/access';
import type { StaffHandle } from '#rally-testing/organisations';
import { createOrgWithMember } from '#rally-testing/organisations';
import { aLetterAction } from '#rally-testing/letters';
import { aTarget } from '#rally-testing/targets';
import { describeInBrowser, launchBrowser } from '../support/browser.js';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import { expectAccessible as checkAccessible, screenshot, tabTo } from '../console/console-helpers.js';
import { confirmLink } from './letter-helpers.js';

/** The words of the page in one language, as the supporter reads them. */
interface Words {
  firstName: RegExp;
  lastName: RegExp;
  email: RegExp;
  country: RegExp;
  countryName: string;
  consent: RegExp;
  previewButton: RegExp;
  errorSummary: string;
  previewHeading: string;
  send: string;
  thanks: string;
  confirm: string;
  confirmed: string;
}

const EN: Words = {
  firstName: /^First name/,
  lastName: /^Last name/,
  email: /^Email/,
  country: /^Country/,
  countryName: 'Luxembourg',
  consent: /^Keep me informed/,
  previewButton: /^Preview my letter/,
  errorSummary: 'Please correct the highlighted fields.',
  previewHeading: 'Check your letter before it goes',
  send: 'Send my letter',
  thanks: 'Check your email',
  confirm: 'Confirm and send',
  confirmed: 'Thank you',
};

const FR: Words = {
  firstName: /^Prénom/,
  lastName: /^Nom/,
  email: /^E-mail/,
  country: /^Pays/,
  countryName: 'Luxembourg',
  consent: /^Tenez-moi informé/,
  previewButton: /^Voir ma lettre/,
  errorSummary: 'Veuillez corriger les champs signalés.',
  previewHeading: "Relisez votre lettre avant l'envoi",
  send: 'Envoyer ma lettre',
  thanks: 'Consultez vos e-mails',
  confirm: 'Confirmer et envoyer',
  confirmed: 'Merci',
};

describeInBrowser('the public letter page in a browser', () => {
  let rally: RallyHarness;
  let staff: StaffHandle;
  let browser: { context: BrowserContext; close(): Promise<void> };
  beforeAll(async () => {
    rally = await startRally({
      env: {
        // The time-to-fill check has its own tests; a test's keyboard is faster than any person.
        LETTER_MIN_FILL_SECONDS: '0',
        LETTER_RATE_IP_PER_MINUTE: '10000',
        LETTER_RATE_IP_PER_HOUR: '10000',
        LETTER_DISPATCH_MS: '200',
        LETTER_SUPPORTER_MAIL_MS: '200',
      },
    });
    staff = await createOrgWithMember(rally, { role: Role.Campaigner });
    await aTarget(rally, staff, {
      country: 'LU',
      language: 'en',
      name: 'Minister for Children',
      salutation: 'Dear Minister',
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await rally?.close();
  });

  /**
   * The whole path by keyboard: an empty send shows the errors (summary and fields), then the form is filled with
   * Tab and typing, the preview shows the letter, send, the thanks page, and the mailed link's page confirms.
   */
  async function writeALetter(
    page: Page,
    slug: string,
    words: Words,
    name: string,
    email: string,
    { scripts = true } = {},
  ): Promise<void> {
    // axe runs in the page: with scripts off only the steps are walked (the same pages passed it with scripts on).
    const expectAccessible = scripts ? checkAccessible : async () => undefined;
    await page.goto(`${rally.baseUrl}/l/${slug}`);
    await page.locator('h1').waitFor();
    await expectAccessible(page, `${name}-form`);

    await tabTo(page, words.previewButton);
    await Promise.all([page.waitForURL(`**/l/${slug}/preview`), page.keyboard.press('Enter')]);
    await page.getByRole('alert').getByText(words.errorSummary).waitFor();
    expect(await page.getByLabel(words.firstName).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel(words.email).getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('alert').getByRole('link').first().waitFor();
    await expectAccessible(page, `${name}-errors`);
    await screenshot(page, `letter-page-${name}-errors`);

    await page.getByLabel(words.firstName).focus();
    await page.keyboard.type('Léa');
    await tabTo(page, words.lastName);
    await page.keyboard.type('Martin');
    await tabTo(page, words.email);
    await page.keyboard.type(email);
    await tabTo(page, words.country);
    // A closed <select> takes typed letters as a search of its options, as in any browser.
    await page.keyboard.type(words.countryName);
    expect(await page.getByLabel(words.country).inputValue()).toBe('LU');
    await tabTo(page, words.consent);
    await page.keyboard.press('Space');
    await tabTo(page, words.previewButton);
    // The form posts to the same address again: wait for the new page, not the URL.
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    await page.getByRole('heading', { name: words.previewHeading }).waitFor();
    await page.getByRole('heading', { name: /Minister for Children/ }).waitFor();
    await page.getByText('Léa Martin', { exact: false }).first().waitFor();
    await expectAccessible(page, `${name}-preview`);
    await screenshot(page, `letter-page-${name}-preview`);
    await tabTo(page, new RegExp(`^${words.send}`));
    await Promise.all([page.waitForURL(`**/l/${slug}/thanks`), page.keyboard.press('Enter')]);
    await page.getByRole('heading', { name: words.thanks }).waitFor();
    await expectAccessible(page, `${name}-thanks`);

    const [mail] = await rally.smtp!.waitFor(1, (m) => m.to === email);
    await page.goto(confirmLink(mail!));
    await page.getByRole('button', { name: words.confirm }).waitFor();
    await expectAccessible(page, `${name}-confirm`);
    await Promise.all([
      page.waitForURL(`**/l/${slug}/confirmed`),
      page.getByRole('button', { name: words.confirm }).click(),
    ]);
    await page.getByRole('heading', { name: words.confirmed }).waitFor();
    await expectAccessible(page, `${name}-confirmed`);
    await screenshot(page, `letter-page-${name}-confirmed`);
  }

  it('sends a letter in English, with the keyboard alone, and every step passes axe', async () => {
    const action = await aLetterAction(rally, staff, { routing: { mode: 'country' }, title: 'Write for children' });
    const page = await browser.context.newPage();
    await writeALetter(page, action.slug, EN, 'en', 'lea.en@example.org');
    await page.close();
  });

  it('speaks French on a French action', async () => {
    const action = await aLetterAction(rally, staff, {
      routing: { mode: 'country' },
      title: 'Écrivez pour les enfants',
      language: 'fr',
      template: {
        subjects: ['Les enfants ne doivent pas être détenus'],
        body: '{{target.salutation}},\n\nJe suis {{supporter.fullName}}.\n\n{{supporter.paragraph}}',
      },
    });
    const page = await browser.context.newPage();
    await writeALetter(page, action.slug, FR, 'fr', 'lea.fr@example.org');
    await page.close();
  });

  it('works with JavaScript switched off', async () => {
    const action = await aLetterAction(rally, staff, { routing: { mode: 'country' }, title: 'Write without scripts' });
    const page = await browser.context.newPage();
    const devtools = await browser.context.newCDPSession(page);
    await devtools.send('Emulation.setScriptExecutionDisabled', { value: true });
    await writeALetter(page, action.slug, EN, 'no-js', 'lea.nojs@example.org', { scripts: false });
    await page.close();
  });
});
