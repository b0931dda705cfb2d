import type { BrowserContext } from 'playwright-core';
import { createOrgWithMember, TEST_PASSWORD } from '#rally-testing/organisations';
import type { StaffHandle } from '#rally-testing/organisations';
import { describeInBrowser, launchBrowser } from '../support/browser.js';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import { requireBuiltConsole, reviewScreen, signIn } from './console-helpers.js';

describeInBrowser('staff console: inbound mail settings (IMAP mailboxes and webhooks)', () => {
  let rally: RallyHarness;
  let browser: { context: BrowserContext; close(): Promise<void> };
  let admin: StaffHandle;
  beforeAll(async () => {
    requireBuiltConsole();
    // Default installation: loopback and private IMAP hosts refused, which the test connection says in words.
    rally = await startRally({ worker: false });
    browser = await launchBrowser();
    admin = await createOrgWithMember(rally, { organisation: { name: 'Coalition for Children' } });
  });
  afterAll(async () => {
    await browser?.close();
    await rally?.close();
  });

  it('an admin adds a mailbox, tests it (the reason it fails, in words), edits it, and adds a webhook shown once', async () => {
    const page = await browser.context.newPage();
    await signIn(page, rally, admin.user.email, TEST_PASSWORD, `/o/${admin.organisation.slug}/settings`);
    const panel = page.getByRole('region', { name: 'Inbound mail' });
    await panel.getByText('No mailbox or webhook').waitFor();

    await panel.getByRole('button', { name: 'Add a mailbox' }).click();
    const form = panel.locator('form').filter({ has: page.getByLabel(/^IMAP server/) });
    // Refused by the browser-side checks first: nothing is sent without a password.
    await form.getByLabel(/^Name/).fill('Replies mailbox');
    await form.getByLabel(/^IMAP server/).fill('127.0.0.1');
    await form.getByLabel(/^Port/).fill('143');
    await form.getByLabel(/^User name/).fill('replies@coalition.example.org');
    await form.getByRole('button', { name: 'Add a mailbox' }).click();
    await form.getByText('This field is required.').waitFor();
    await form.getByLabel(/^Password/).fill('mailbox password');
    await form.getByLabel(/^TLS/).uncheck();
    await form.getByRole('button', { name: 'Add a mailbox' }).click();
    const mailbox = panel.getByRole('article', { name: 'Replies mailbox' });
    await mailbox
      .getByText(
        'replies@coalition.example.org on 127.0.0.1:143, folder INBOX, processed mail moved to Rally/Processed',
      )
      .waitFor();
    await mailbox.getByText('Not checked yet.').waitFor();

    await mailbox.getByRole('button', { name: 'Test connection' }).click();
    await mailbox
      .getByRole('alert')
      .filter({ hasText: '127.0.0.1 is a loopback or private address, which this installation does not reach' })
      .waitFor();
    await reviewScreen(page, 'settings-inbound');

    await mailbox.getByRole('button', { name: 'Edit' }).click();
    const edit = panel.locator('form').filter({ has: page.getByLabel(/^IMAP server/) });
    await edit.getByText('Leave empty to keep the stored one.').waitFor();
    await edit.getByLabel(/^Folder/).fill('Replies/Ministries');
    await edit.getByRole('button', { name: 'Save' }).click();
    await mailbox.getByText(/folder Replies\/Ministries, processed mail moved to Rally\/Processed/).waitFor();

    await panel.getByRole('button', { name: 'Add a webhook' }).click();
    const hook = panel.locator('form').filter({ has: page.getByRole('button', { name: 'Add a webhook' }) });
    await hook.getByLabel(/^Name/).fill('Mail provider route');
    await hook.getByRole('button', { name: 'Add a webhook' }).click();
    await panel.getByText('Copy the secret now').waitFor();
    const secret = await panel.getByRole('textbox', { name: 'Signing secret' }).inputValue();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await reviewScreen(page, 'settings-inbound-webhook');
    await page.reload();
    await panel.getByRole('article', { name: 'Mail provider route' }).waitFor();
    expect(await page.getByText(secret).count()).toBe(0);
    expect(await page.getByRole('textbox', { name: 'Signing secret' }).count()).toBe(0);
    await page.close();
  });
});
