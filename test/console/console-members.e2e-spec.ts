import type { BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Membership, Role } from '#rally/access';
import { createOrgWithMember, TEST_PASSWORD } from '#rally-testing/organisations';
import { describeInBrowser, launchBrowser } from '../support/browser.js';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import { consoleLinkIn, consoleUrl, requireBuiltConsole, reviewScreen, signIn, tabTo } from './console-helpers.js';

const NEW_PASSWORD = 'lantern orchard whistles softly';

describeInBrowser('staff console: signing in, members and invitations, the account', () => {
  let rally: RallyHarness;
  let admins: { context: BrowserContext; close(): Promise<void> };
  let invitees: { context: BrowserContext; close(): Promise<void> };
  beforeAll(async () => {
    requireBuiltConsole();
    rally = await startRally();
    admins = await launchBrowser();
    invitees = await launchBrowser();
  });
  afterAll(async () => {
    await admins?.close();
    await invitees?.close();
    await rally?.close();
  });

  const newPage = async (context: BrowserContext): Promise<Page> => {
    await context.clearCookies();
    return context.newPage();
  };

  it('signs in with the keyboard alone and lands on the organisation home', async () => {
    const admin = await createOrgWithMember(rally, { organisation: { name: 'Keyboard Coalition' } });
    const page = await newPage(admins.context);
    await page.goto(consoleUrl(rally));
    await page.waitForURL(/\/console\/sign-in/);
    await reviewScreen(page, 'sign-in');
    // The email field has the focus on arrival; Tab reaches the password; Enter sends the form.
    expect(await page.locator('*:focus').getAttribute('autocomplete')).toBe('username');
    await page.keyboard.type(admin.user.email);
    await tabTo(page, /^Password/);
    await page.keyboard.type(TEST_PASSWORD);
    await Promise.all([page.waitForURL(`**/console/o/${admin.organisation.slug}`), page.keyboard.press('Enter')]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Keyboard Coalition');
    await reviewScreen(page, 'home-empty');
    await page.close();
  });

  it('says plainly when the email or password is wrong, and keeps what was typed', async () => {
    const admin = await createOrgWithMember(rally);
    const page = await newPage(admins.context);
    await page.goto(consoleUrl(rally, '/sign-in'));
    await page.getByLabel(/^Email/).fill(admin.user.email);
    await page.getByLabel(/^Password/).fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'The email or the password is wrong.' }).waitFor();
    expect(await page.getByLabel(/^Email/).inputValue()).toBe(admin.user.email);
    await page.close();
  });

  it('an admin invites a member, who accepts from the mail and works with that role', async () => {
    const admin = await createOrgWithMember(rally, { organisation: { name: 'Invite Coalition' } });
    const slug = admin.organisation.slug;
    const page = await newPage(admins.context);
    await signIn(page, rally, admin.user.email, TEST_PASSWORD, `/o/${slug}/members`);
    await reviewScreen(page, 'members');

    await page.getByRole('button', { name: 'Invite a member' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Email/).fill('amina.campaigns@example.org');
    await dialog.getByLabel(/^Role/).click();
    await page.getByRole('option', { name: 'campaigner' }).click();
    await dialog.getByRole('button', { name: 'Send the invitation' }).click();
    await page.getByText('Invitation sent to amina.campaigns@example.org.').waitFor();
    const pending = page.getByRole('table', { name: 'Pending invitations' });
    await pending.getByRole('cell', { name: 'amina.campaigns@example.org', exact: true }).waitFor();

    const [mail] = await rally.smtp!.waitFor(1, (m) => m.to === 'amina.campaigns@example.org');
    const invitee = await newPage(invitees.context);
    await invitee.goto(consoleLinkIn(mail.text, 'invitation'));
    await invitee.getByText('You are invited to work with Invite Coalition in Rally.').waitFor();
    // The secret leaves the address bar (and the history) once read.
    expect(new URL(invitee.url()).hash).toBe('');
    await reviewScreen(invitee, 'invitation');
    await invitee.getByLabel(/^Your name/).fill('Amina Diallo');
    await invitee.getByLabel(/^Choose a password/).fill(NEW_PASSWORD);
    await Promise.all([
      invitee.waitForURL(`**/console/o/${slug}`),
      invitee.getByRole('button', { name: 'Join Invite Coalition' }).click(),
    ]);
    const nav = invitee.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'Petitions' }).waitFor();
    await invitee.getByText('You are campaigner here').waitFor();
    expect(await nav.getByRole('link', { name: 'API tokens' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Audit log' }).count()).toBe(0);

    // Signed out, the new member signs in again with the password they chose.
    await invitee.getByRole('button', { name: 'Account of Amina Diallo' }).click();
    await Promise.all([
      invitee.waitForURL('**/console/sign-in'),
      invitee.getByRole('menuitem', { name: 'Sign out' }).click(),
    ]);
    await signIn(invitee, rally, 'amina.campaigns@example.org', NEW_PASSWORD);
    // One organisation: straight to its home.
    await invitee.waitForURL(`**/console/o/${slug}`);
    await invitee.close();

    // The admin sees the new member with the role, and can change it after a confirmation.
    await page.reload();
    const members = page.getByRole('table', { name: 'Members' });
    await members.getByRole('cell', { name: 'Amina Diallo', exact: true }).waitFor();
    await members.getByLabel('Role of Amina Diallo').click();
    await page.getByRole('option', { name: 'coordinator' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Change the role' }).click();
    await page.getByText('Amina Diallo is now coordinator.').waitFor();
    await page.close();
  });

  it('withdraws a pending invitation after a confirmation', async () => {
    const admin = await createOrgWithMember(rally);
    const page = await newPage(admins.context);
    await signIn(page, rally, admin.user.email, TEST_PASSWORD, `/o/${admin.organisation.slug}/members`);
    await page.getByRole('button', { name: 'Invite a member' }).click();
    await page
      .getByRole('dialog')
      .getByLabel(/^Email/)
      .fill('second.thoughts@example.org');
    await page.getByRole('dialog').getByRole('button', { name: 'Send the invitation' }).click();
    await page.getByRole('button', { name: 'Withdraw the invitation to second.thoughts@example.org' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Withdraw' }).click();
    await page.getByText('The invitation to second.thoughts@example.org is withdrawn.').waitFor();
    await page.getByText('No invitations waiting for an answer.').waitFor();
    await page.close();
  });

  it('a forgotten password is reset from the mailed link, and the account screen changes it again', async () => {
    const admin = await createOrgWithMember(rally);
    const page = await newPage(admins.context);
    await page.goto(consoleUrl(rally, '/sign-in'));
    await page.getByRole('link', { name: 'Forgotten your password?' }).click();
    await page.waitForURL('**/console/forgot-password');
    await reviewScreen(page, 'forgot-password');
    await page.getByLabel(/^Email/).fill(admin.user.email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText(`If ${admin.user.email} has a Rally account`).waitFor();

    const [mail] = await rally.smtp!.waitFor(1, (m) => m.to === admin.user.email && /password/i.test(m.subject));
    await page.goto(consoleLinkIn(mail.text, 'reset-password'));
    await reviewScreen(page, 'reset-password');
    await page.getByLabel(/^New password \*?$/).fill('short');
    await page.getByLabel(/^New password again/).fill('short');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByText('Use at least 12 characters.').waitFor();
    await page.getByLabel(/^New password \*?$/).fill(NEW_PASSWORD);
    await page.getByLabel(/^New password again/).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByText('Your password is changed').waitFor();

    await signIn(page, rally, admin.user.email, NEW_PASSWORD, '/account');
    await reviewScreen(page, 'account');
    await page.getByLabel(/^Current password/).fill('not my password at all');
    await page.getByLabel(/^New password \*?$/).fill('another fine long passphrase');
    await page.getByLabel(/^New password again/).fill('another fine long passphrase');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByText('This is not your current password.').waitFor();
    await page.getByLabel(/^Current password/).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByText('Your password is changed.').waitFor();
    await page.close();
  });

  it('an ended session returns to sign-in, then to the page the member was on', async () => {
    const admin = await createOrgWithMember(rally);
    const page = await newPage(admins.context);
    const path = `/o/${admin.organisation.slug}/settings`;
    await signIn(page, rally, admin.user.email, TEST_PASSWORD, path);
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    // Ended on the server, as idle expiry or "sign out everywhere" would.
    await rally.api.get(DataSource).query(`DELETE FROM staff_session WHERE user_id = $1`, [admin.user.id]);
    // The screen's own refetch can meet the ended session before the click (twice seen under CI load): then the
    // member is sent to sign-in from Settings, the link is gone, and Settings is the page to return to.
    let back = `/o/${admin.organisation.slug}/members`;
    await page
      .getByRole('link', { name: 'Members' })
      .click({ timeout: 5_000 })
      .catch(() => (back = path));
    await page.waitForURL(/\/console\/sign-in\?next=/);
    await page.getByText('Your session has ended.', { exact: false }).waitFor();
    await page.getByLabel(/^Email/).fill(admin.user.email);
    await page.getByLabel(/^Password/).fill(TEST_PASSWORD);
    await Promise.all([page.waitForURL(`**/console${back}`), page.getByRole('button', { name: 'Sign in' }).click()]);
    await page.close();
  });

  it('a member of two organisations switches between them from the header', async () => {
    const first = await createOrgWithMember(rally, { organisation: { name: 'First Alliance' } });
    const second = await createOrgWithMember(rally, { organisation: { name: 'Second Network' } });
    await rally.api
      .get(DataSource)
      .getRepository(Membership)
      .save({ organisationId: second.organisation.id, userId: first.user.id, role: Role.Coordinator });
    const page = await newPage(admins.context);
    await signIn(page, rally, first.user.email, TEST_PASSWORD);
    // Two organisations: the picker first.
    expect(new URL(page.url()).pathname).toBe('/console/');
    await reviewScreen(page, 'organisations');
    await page.getByRole('button', { name: /First Alliance/ }).click();
    await page.waitForURL(`**/console/o/${first.organisation.slug}`);
    await page.getByRole('button', { name: 'Switch organisation' }).click();
    await page.getByRole('menuitem', { name: /Second Network/ }).click();
    await page.waitForURL(`**/console/o/${second.organisation.slug}`);
    await page.getByText('You are coordinator here').waitFor();
    await page.close();
  });
});
