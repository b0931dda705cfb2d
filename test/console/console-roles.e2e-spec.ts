import type { BrowserContext, Page } from 'playwright-core';
import { Role } from '#rally/access';
import { addMember, createOrgWithMember, TEST_PASSWORD } from '#rally-testing/organisations';
import type { StaffHandle } from '#rally-testing/organisations';
import { aPetition } from '#rally-testing/petitions';
import { describeInBrowser, launchBrowser } from '../support/browser.js';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import { staffApi } from '../support/staff-api.js';
import { consoleUrl, requireBuiltConsole, reviewScreen, signIn } from './console-helpers.js';

describeInBrowser('staff console: what each role sees, and the admin screens', () => {
  let rally: RallyHarness;
  let browser: { context: BrowserContext; close(): Promise<void> };
  let admin: StaffHandle;
  let petitionId: string;
  beforeAll(async () => {
    requireBuiltConsole();
    rally = await startRally();
    browser = await launchBrowser();
    admin = await createOrgWithMember(rally, {
      organisation: { name: 'Coalition for Children', timeZone: 'Africa/Dakar' },
    });
    const campaigner = await addMember(rally, admin.organisation, { role: Role.Campaigner });
    petitionId = (await aPetition(rally, campaigner, { title: 'Schools, not cells', goal: 500 })).id;
  });
  afterAll(async () => {
    await browser?.close();
    await rally?.close();
  });

  const signedIn = async (staff: StaffHandle, path: string): Promise<Page> => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await signIn(page, rally, staff.user.email, TEST_PASSWORD, path);
    return page;
  };

  it('a coordinator reads campaigns, petitions and the organisation, with no button for what the role may not do', async () => {
    const coordinator = await addMember(rally, admin.organisation, { role: Role.Coordinator });
    const slug = admin.organisation.slug;
    const page = await signedIn(coordinator, `/o/${slug}/petitions/${petitionId}`);
    await page.getByRole('heading', { name: 'Schools, not cells' }).waitFor();
    await page.getByText('0 of 500 signatures').first().waitFor();
    await reviewScreen(page, 'coordinator-petition');
    for (const refused of ['Edit', 'Close', 'Open for signatures', 'Add'])
      expect({ refused, count: await page.getByRole('button', { name: refused, exact: true }).count() }).toEqual({
        refused,
        count: 0,
      });
    expect(await page.getByRole('link', { name: 'Download signatures (CSV)' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);

    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Home',
      'Campaigns',
      'Petitions',
      'Letters',
      'Targets',
      'Replies',
      'Responses',
      'Scoreboard',
      'Follow-ups',
      'Mailings',
      'Recommendations',
      'Status',
      'Members',
      'Settings',
    ]);

    await page.goto(consoleUrl(rally, `/o/${slug}/campaigns`));
    await page.getByRole('table', { name: 'Campaigns' }).waitFor();
    expect(await page.getByRole('link', { name: 'New campaign' }).count()).toBe(0);
    await page.goto(consoleUrl(rally, `/o/${slug}/petitions`));
    await page.getByRole('link', { name: 'Schools, not cells' }).waitFor();
    expect(await page.getByRole('link', { name: 'New petition' }).count()).toBe(0);

    await page.goto(consoleUrl(rally, `/o/${slug}/settings`));
    await page.getByText('Only admins can change these details.').waitFor();
    expect(await page.getByLabel(/^Name/).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Save' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Mail' }).count()).toBe(0);
    await reviewScreen(page, 'coordinator-settings');

    await page.goto(consoleUrl(rally, `/o/${slug}/members`));
    await page.getByRole('table', { name: 'Members' }).waitFor();
    expect(await page.getByRole('button', { name: 'Invite a member' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Remove/ }).count()).toBe(0);

    // Typed into the address bar: the API refuses, and the screen says so plainly.
    for (const path of ['api-tokens', 'audit']) {
      await page.goto(consoleUrl(rally, `/o/${slug}/${path}`));
      await page
        .getByRole('alert')
        .filter({ hasText: 'Your role in this organisation does not allow this.' })
        .waitFor();
    }
    await reviewScreen(page, 'coordinator-refused');

    // Another organisation's address: not found, nothing of it shown.
    const other = await createOrgWithMember(rally, { organisation: { name: 'Someone Else' } });
    await page.goto(consoleUrl(rally, `/o/${other.organisation.slug}`));
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    expect(await page.getByText('Someone Else').count()).toBe(0);
    await page.close();
  });

  it('an admin changes the organisation, creates an API token shown once, revokes it, and finds both in the audit log', async () => {
    const slug = admin.organisation.slug;
    const page = await signedIn(admin, `/o/${slug}/settings`);
    await reviewScreen(page, 'settings');
    await page.getByLabel(/^Name/).fill('Coalition for Children Senegal');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await page.getByText('Saved.').first().waitFor();
    await page.getByLabel(/^Sending address/).fill('not an address');
    // The second form's Save (the organisation's own mail relay follows with a third).
    await page.getByRole('button', { name: 'Save' }).nth(1).click();
    await page.getByText('Enter a valid email address.').waitFor();
    await page.getByLabel(/^Sending address/).fill('campaigns@coalition.example.org');
    await page.getByRole('button', { name: 'Save' }).nth(1).click();
    await page.getByText('Saved.').first().waitFor();

    await page.goto(consoleUrl(rally, `/o/${slug}/api-tokens`));
    // The test fixtures gave each member a token already.
    await page.getByRole('table', { name: 'API tokens' }).waitFor();
    await page.getByRole('button', { name: 'Create a token' }).first().click();
    await page.getByRole('dialog').getByLabel(/^Name/).fill('Website count sync');
    await page.getByRole('dialog').getByRole('button', { name: 'Create a token' }).click();
    const secret = await page.getByRole('textbox', { name: 'Token' }).inputValue();
    expect(secret).toMatch(/^rally_/);
    // The token works, with the role chosen (coordinator: reads, no writes).
    const asToken = await fetch(`${rally.baseUrl}/api/orgs/${slug}/me`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(((await asToken.json()) as { role: string }).role).toBe('coordinator');
    await reviewScreen(page, 'api-tokens');
    await page.reload();
    // Shown once: after a reload only its first characters are listed.
    expect(await page.getByRole('textbox', { name: 'Token' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Revoke the token Website count sync' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('Token “Website count sync” revoked.').waitFor();
    const refused = await fetch(`${rally.baseUrl}/api/orgs/${slug}/me`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(refused.status).toBe(401);

    // An action of another library than the console's own screens here: read in words, not as `suppression.add`.
    expect((await staffApi(rally, admin)('POST', '/suppressions', { email: 'left@example.org' })).status).toBe(200);

    await page.goto(consoleUrl(rally, `/o/${slug}/audit`));
    await page.getByRole('table', { name: 'Audit log' }).getByText('API token revoked').waitFor();
    await page.getByRole('table', { name: 'Audit log' }).getByText('Address added to the suppression list').waitFor();
    expect(await page.getByRole('table', { name: 'Audit log' }).getByText('suppression.add').count()).toBe(0);
    await reviewScreen(page, 'audit');
    await page.goto(consoleUrl(rally, `/o/${slug}/audit?action=organisation.update`));
    await page.getByRole('table', { name: 'Audit log' }).getByText('Organisation details changed').waitFor();
    expect(await page.getByRole('table', { name: 'Audit log' }).getByText('API token created').count()).toBe(0);
    // The filter offers every library's actions, grouped by area.
    await page.getByLabel('Action', { exact: true }).first().click({ force: true });
    await page.getByRole('listbox').getByText('Follow-ups', { exact: true }).waitFor();
    await page.getByRole('option', { name: 'Follow-up status changed', exact: true }).click();
    await page.waitForURL(/action=follow-up\.status/);
    await page.getByText('Nothing matches these filters.').waitFor();

    // Home shows the recent activity to admins.
    await page.goto(consoleUrl(rally, `/o/${slug}`));
    await page.getByRole('heading', { name: 'Recent activity' }).waitFor();
    await page.getByText('API token revoked').first().waitFor();
    await page.close();
  });

  it('speaks French when chosen, and remembers it', async () => {
    const page = await signedIn(admin, `/o/${admin.organisation.slug}/petitions`);
    await page.getByRole('button', { name: 'Language' }).click();
    await page.getByRole('menuitem', { name: 'Français' }).click();
    await page.getByRole('heading', { name: 'Pétitions' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.reload();
    await page.getByRole('heading', { name: 'Pétitions' }).waitFor();
    await reviewScreen(page, 'petitions-fr');
    await page.getByRole('button', { name: 'Langue' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Petitions' }).waitFor();
    await page.close();
  });
});
