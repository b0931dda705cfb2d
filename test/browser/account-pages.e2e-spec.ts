import type { BrowserContext } from 'playwright-core';
import { Role } from '#rally/access';
import { createOrgWithMember, type StaffHandle } from '#rally-testing/organisations';
import { describeInBrowser, launchBrowser } from '../support/browser.js';
import { startRally, type RallyHarness } from '../support/rally-harness.js';

const linkIn = (text: string, path: string): string => {
  const match = new RegExp(`https?://\\S+${path}(\\?lang=\\w+)?#token=[\\w-]+`).exec(text);
  if (!match) throw new Error(`no ${path} link in mail:\n${text}`);
  return match[0];
};

/** The links in account emails open real pages: forgotten password, new password, accepting an invitation. */
describeInBrowser('staff account pages in headless Chromium', () => {
  let rally: RallyHarness;
  let browser: BrowserContext;
  let closeBrowser: () => Promise<void>;
  let admin: StaffHandle;
  beforeAll(async () => {
    rally = await startRally();
    admin = await createOrgWithMember(rally, { role: Role.Admin });
    ({ context: browser, close: closeBrowser } = await launchBrowser());
  });
  afterAll(async () => {
    await closeBrowser?.();
    await rally.close();
  });

  const signIn = (email: string, password: string): Promise<Response> =>
    fetch(`${rally.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });

  it('asks for a reset link, follows it from the mail, sets a new password that then signs in', async () => {
    const page = await browser.newPage();
    await page.goto(`${rally.baseUrl}/staff/forgot-password`);
    await page.getByLabel('Email').fill(admin.user.email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText('the email is on its way').waitFor();

    const [mail] = await rally.smtp!.waitFor(1, (m) => m.to === admin.user.email && /password/i.test(m.subject));
    await page.goto(linkIn(mail.text, '/staff/reset-password'));
    await page.getByLabel('New password').fill('short');
    await page.getByRole('button', { name: 'Set the password' }).click();
    await page.locator('[role=status].error').waitFor(); // refused, with the reason shown
    await page.getByLabel('New password').fill('amber lantern drifts over hills');
    await page.getByRole('button', { name: 'Set the password' }).click();
    await page.getByText('Your password is changed').waitFor();

    expect((await signIn(admin.user.email, 'amber lantern drifts over hills')).status).toBe(200);
    await page.close();
  });

  it('accepts an invitation from the mailed link with a name and password', async () => {
    const invited = 'new.colleague@example.org';
    const res = await fetch(`${rally.baseUrl}/api/orgs/${admin.organisation.slug}/invitations`, {
      method: 'POST',
      headers: { ...admin.bearer(), 'content-type': 'application/json' },
      body: JSON.stringify({ email: invited, role: Role.Coordinator }),
    });
    expect(res.status).toBe(201);
    const [mail] = await rally.smtp!.waitFor(1, (m) => m.to === invited);

    const page = await browser.newPage();
    await page.goto(linkIn(mail.text, '/staff/invitation'));
    await page.getByLabel('Your name').fill('Nadia Haddad');
    await page.getByLabel('Password').fill('copper river hums softly');
    await page.getByRole('button', { name: 'Join' }).click();
    await page.getByText('You have joined').waitFor();

    const session = await page.request.get(`${rally.baseUrl}/api/auth/session`);
    expect(session.status()).toBe(200);
    expect(((await session.json()) as { organisations: { slug: string; role: string }[] }).organisations).toEqual([
      expect.objectContaining({ slug: admin.organisation.slug, role: 'coordinator' }),
    ]);
    await page.close();
  });
});
