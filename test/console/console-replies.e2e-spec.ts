import type { BrowserContext, Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { Role } from '#rally/access';
import { aStoredInboundMessage, aWebhookSource, anInboundAlert, webhookSignature } from '#rally-testing/inbound';
import { aLetterAction, aLetterForm } from '#rally-testing/letters';
import type { StaffHandle } from '#rally-testing/organisations';
import { addMember, createOrgWithMember, dataSourceOf, TEST_PASSWORD } from '#rally-testing/organisations';
import { aCampaign } from '#rally-testing/petitions';
import { aTarget } from '#rally-testing/targets';
import { dsn } from '../../libs/inbound/src/testing/inbound-messages.js';
import { describeInBrowser, launchBrowser } from '../support/browser.js';
import { waitUntil } from '../support/processes.js';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import { confirmLink, header, messageIdOf, postLetterJson, pressConfirm } from '../letters/letter-helpers.js';
import { addressesOf, sendToInbound } from '../inbound/inbound-helpers.js';
import { consoleUrl, requireBuiltConsole, reviewScreen, screenshot, signIn } from './console-helpers.js';

/** axe reads colours as shown: after the transitions of dialogs and notices that have just appeared. */
async function review(page: Page, name: string): Promise<void> {
  await page.waitForFunction(() =>
    (globalThis as unknown as { document: { getAnimations(): { playState: string }[] } }).document
      .getAnimations()
      .every((a) => a.playState !== 'running'),
  );
  await reviewScreen(page, name);
}

const ANSWER = 'Thank you for your letter. The minister will receive a delegation in March.';
const QUOTED = '> Children do not belong in detention.';

const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** A ministry's answer as its mail program writes it: text and HTML with its seal inline, the letter quoted below. */
function ministryReply(to: string, inReplyTo: string): string {
  return [
    'From: Cabinet of the Minister <cabinet@justice.example.gov>',
    `To: ${to}`,
    'Subject: Re: Children do not belong in detention',
    `Message-ID: <answer-${Date.now()}@justice.example.gov>`,
    `In-Reply-To: ${inReplyTo}`,
    'Date: Tue, 02 Jun 2026 10:00:00 +0200',
    'MIME-Version: 1.0',
    'Content-Type: multipart/related; boundary="rel"',
    '',
    '--rel',
    'Content-Type: multipart/alternative; boundary="alt"',
    '',
    '--alt',
    'Content-Type: text/plain; charset=utf-8',
    '',
    ANSWER,
    '',
    'On 1 June 2026, Amina Kone wrote:',
    QUOTED,
    '',
    '--alt',
    'Content-Type: text/html; charset=utf-8',
    '',
    `<p><img src="cid:seal@justice" alt="Seal of the ministry"> ${ANSWER}</p><script>parent.document.title='hacked'</script>`,
    '<img src="https://tracker.example.net/pixel.gif" alt="tracker">',
    '<blockquote type="cite"><p>Children do not belong in detention.</p></blockquote>',
    '--alt--',
    '',
    '--rel',
    'Content-Type: image/png; name="seal.png"',
    'Content-Transfer-Encoding: base64',
    'Content-ID: <seal@justice>',
    'Content-Disposition: inline; filename="seal.png"',
    '',
    PIXEL,
    '--rel--',
    '',
  ].join('\r\n');
}

describeInBrowser('staff console: replies, triage and alerts', () => {
  let rally: RallyHarness;
  let browser: { context: BrowserContext; close(): Promise<void> };
  let admin: StaffHandle;
  let coordinator: StaffHandle;
  let db: DataSource;
  beforeAll(async () => {
    requireBuiltConsole();
    rally = await startRally({
      inbound: true,
      env: {
        LETTER_RATE_IP_PER_MINUTE: '10000',
        LETTER_RATE_IP_PER_HOUR: '10000',
        LETTER_DISPATCH_MS: '200',
        LETTER_SUPPORTER_MAIL_MS: '200',
      },
    });
    browser = await launchBrowser();
    admin = await createOrgWithMember(rally, { organisation: { name: 'Voices for Children' } });
    coordinator = await addMember(rally, admin.organisation, { role: Role.Coordinator });
    db = dataSourceOf(rally);
  });
  afterAll(async () => {
    await browser?.close();
    await rally?.close();
  });

  it('reads a campaign’s replies as threads, opens the HTML safely, triages a message and acknowledges an alert', async () => {
    const slug = admin.organisation.slug;
    const campaignId = await aCampaign(rally, admin, 'Children out of detention');
    const justice = await aTarget(rally, admin, { name: 'Minister of Justice', language: 'en', country: 'FR' });
    const action = await aLetterAction(rally, admin, {
      campaignId,
      title: 'Write to the Minister of Justice',
      template: { subjects: ['Children do not belong in detention'], body: '{{target.salutation}},\n\nPlease act.' },
    });

    // A supporter's letter, delivered through the outbox to the ministry.
    const form = aLetterForm({ country: 'FR' });
    const preview = (await (await postLetterJson(rally, action.slug, 'preview', form)).json()) as { plan: string };
    expect((await postLetterJson(rally, action.slug, 'send', { ...form, plan: preview.plan })).status).toBe(202);
    const [confirmation] = await rally.smtp!.waitFor(1, (m) => m.to === form.email);
    expect((await pressConfirm(confirmLink(confirmation!))).status).toBe(303);
    const [delivered] = await rally.smtp!.waitFor(1, (m) => m.to === justice.emails![0]!.address);
    const replyTo = header(delivered!, 'reply-to').replace(/^.*<|>.*$/g, '');
    expect(replyTo).toMatch(/^reply\+/);
    const [{ id: letterId }] = (await db.query(`SELECT id FROM letters WHERE action_id = $1`, [action.id])) as [
      { id: string },
    ];
    await waitUntil(
      async () =>
        (
          (await db.query(
            `SELECT count(*)::int AS n FROM letters l JOIN mail_outbox o ON o.id = l.outbox_id
              WHERE l.id = $1 AND o.sent_at IS NOT NULL`,
            [letterId],
          )) as [{ n: number }]
        )[0].n === 1,
      15_000,
    );

    // The ministry answers it; its relay refuses a second copy by policy (an alert); unmatched mail comes by webhook.
    await sendToInbound(
      rally,
      { from: 'cabinet@justice.example.gov', to: [replyTo] },
      ministryReply(replyTo, messageIdOf(delivered!)),
    );
    const bounce = addressesOf(rally).bounceAddress(letterId);
    await sendToInbound(
      rally,
      { from: '', to: [bounce] },
      dsn([{ recipient: justice.emails![0]!.addressNormalized, action: 'failed', status: '5.7.1' }], { to: bounce }),
    );
    const { source, secret } = await aWebhookSource(rally, admin);
    const stray = [
      'From: Secretariat <secretariat@interior.example.gov>',
      'To: contact@voices.example.org',
      'Subject: Your campaign on child detention',
      'Message-ID: <stray-1@interior.example.gov>',
      'Date: Tue, 02 Jun 2026 11:00:00 +0200',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'The ministry has forwarded your letter to the competent department.',
      '',
    ].join('\r\n');
    const posted = await fetch(`${rally.baseUrl}/inbound/webhooks/${source.id}`, {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822', ...webhookSignature(secret, stray) },
      body: stray,
    });
    expect(posted.status).toBeLessThan(300);
    await waitUntil(
      async () =>
        (
          (await db.query(
            `SELECT count(*)::int AS n FROM inbound_messages WHERE organization_id = $1 AND status = 'processed'`,
            [admin.organisation.id],
          )) as [{ n: number }]
        )[0].n === 3,
      20_000,
    );

    // A coordinator goes from the campaign to its replies: the letter with its reply and the bounce under it.
    const page = await browser.context.newPage();
    await signIn(page, rally, coordinator.user.email, TEST_PASSWORD, `/o/${slug}/campaigns/${campaignId}`);
    await page.getByRole('link', { name: 'Replies to its letters' }).click();
    await page.getByRole('heading', { name: 'Replies: Children out of detention' }).waitFor();
    const thread = page.getByRole('region', { name: 'Children do not belong in detention' });
    await thread.getByText('Letter to Minister of Justice', { exact: false }).waitFor();
    await thread.getByText(/^sent /).waitFor();
    const reply = thread.getByRole('article').filter({ hasText: 'Cabinet of the Minister' });
    await reply.getByText('Verified sender').waitFor();
    await reply.getByText('Reply', { exact: true }).waitFor();
    expect(await reply.getByTestId('reply-text').textContent()).toBe(ANSWER);
    await thread.getByRole('article').filter({ hasText: 'Bounce' }).getByText('Status 5.7.1').waitFor();
    await review(page, 'replies-campaign');
    await reply.getByRole('button', { name: 'Show quoted text' }).click();
    await reply.getByTestId('reply-text').filter({ hasText: QUOTED }).waitFor();
    await review(page, 'replies-quoted');

    // Spam found the reply address: the coordinator stops it (after a confirmation), then takes it back.
    await thread.getByRole('button', { name: 'Stop mail at its reply address' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Stop mail at its reply address' }).click();
    await thread.getByText('Reply address stopped').waitFor();
    await review(page, 'replies-address-stopped');
    await thread.getByRole('button', { name: 'Take mail at its reply address again' }).click();
    await thread.getByRole('button', { name: 'Stop mail at its reply address' }).waitFor();

    // The message: text first; its HTML in a frame that runs nothing (its script did not touch the console).
    await reply.getByRole('link', { name: /^Open the message from Cabinet of the Minister/ }).click();
    await page.getByRole('heading', { name: 'Re: Children do not belong in detention' }).waitFor();
    expect(await page.getByTestId('message-text').textContent()).toBe(ANSWER);
    await page.getByText("Found by the letter's reply address.").waitFor();
    await review(page, 'reply-message');
    await page.getByText('HTML', { exact: true }).click();
    const frame = page.locator('iframe[title="The HTML part of the message"]');
    await frame.waitFor();
    const sandbox = (await frame.getAttribute('sandbox')) ?? 'none';
    expect(sandbox.split(' ')).not.toContain('allow-scripts');
    expect(sandbox.split(' ')).not.toContain('allow-same-origin');
    const html = page.frameLocator('iframe[title="The HTML part of the message"]');
    await html.getByText(ANSWER).waitFor();
    // Its own picture shows (inlined by Rally); the remote one was removed when stored (and the CSP would refuse it).
    const seal = html.getByRole('img', { name: 'Seal of the ministry' });
    await seal.waitFor();
    const naturalWidth = () => seal.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth);
    await waitUntil(async () => (await naturalWidth()) === 1, 5_000);
    expect(await html.getByRole('img', { name: 'tracker' }).getAttribute('src')).toBeFalsy();
    expect(await page.title()).toBe('Re: Children do not belong in detention · Rally');
    await page.getByRole('link', { name: /^Download seal\.png/ }).waitFor();
    await screenshot(page, 'reply-message-html');
    // Back to the text: a sandboxed frame never reports the network idle that reviewScreen() waits for.
    await page.getByText('Text', { exact: true }).click();

    // Triage: the unmatched message is tied to the letter, leaves the queue and shows under the letter.
    await page.goto(consoleUrl(rally, `/o/${slug}/replies/triage`));
    const queue = page.getByRole('table', { name: 'Mail waiting for triage' });
    await queue.getByRole('link', { name: 'Your campaign on child detention' }).waitFor();
    await review(page, 'replies-triage');
    await queue
      .getByRole('button', { name: 'Tie the message from Secretariat <secretariat@interior.example.gov> to a letter' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Which letter does this answer?' });
    await dialog.getByLabel(/^Search the letters sent/).fill('detention');
    await dialog
      .getByRole('button', { name: 'Tie to the letter to Minister of Justice: Children do not belong in detention' })
      .waitFor();
    await review(page, 'replies-tie');
    await dialog
      .getByRole('button', { name: 'Tie to the letter to Minister of Justice: Children do not belong in detention' })
      .click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Tied to the letter to Minister of Justice.').waitFor();
    await page.getByText('Nothing waits for triage.').waitFor();
    await page.getByRole('link', { name: 'Replies', exact: true }).first().click();
    await page
      .getByRole('region', { name: 'Children do not belong in detention' })
      .getByRole('article')
      .filter({ hasText: 'Secretariat' })
      .waitFor();

    // Alerts: the policy block, open; acknowledged, it says so.
    await page.goto(consoleUrl(rally, `/o/${slug}/replies/alerts`));
    const alerts = page.getByRole('table', { name: 'Alerts, the open ones first' });
    const row = alerts.getByRole('row').filter({ hasText: 'Blocked by policy' });
    await row.getByRole('link', { name: 'Minister of Justice' }).waitFor();
    await review(page, 'replies-alerts');
    await row.getByRole('button', { name: `Acknowledge: Blocked by policy, ${justice.emails![0]!.address}` }).click();
    await page.getByText('Alert acknowledged.').waitFor();
    await row.getByText(/^Acknowledged /).waitFor();
    expect(
      (
        (await db.query(`SELECT acknowledged_at FROM inbound_alerts WHERE organization_id = $1`, [
          admin.organisation.id,
        ])) as { acknowledged_at: Date | null }[]
      ).every((a) => a.acknowledged_at !== null),
    ).toBe(true);

    // The target's screen leads to its replies too.
    await page.goto(consoleUrl(rally, `/o/${slug}/targets/${justice.id}`));
    await page.getByRole('link', { name: 'Replies from this target' }).click();
    await page.getByRole('heading', { name: 'Replies from Minister of Justice' }).waitFor();
    await page.getByRole('region', { name: 'Children do not belong in detention' }).waitFor();
    await page.close();
  });

  // Reads what the first test made, plus an open alert and a message waiting for triage.
  it('shows a campaigner the replies without the controls that triage or acknowledge', async () => {
    const campaigner = await addMember(rally, admin.organisation, { role: Role.Campaigner });
    await anInboundAlert(rally, admin);
    const { messageId } = await aStoredInboundMessage(rally, admin);
    const slug = admin.organisation.slug;
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await signIn(page, rally, campaigner.user.email, TEST_PASSWORD, `/o/${slug}/replies`);
    await page.getByRole('region', { name: 'Children do not belong in detention' }).waitFor();
    await page.goto(consoleUrl(rally, `/o/${slug}/replies/alerts`));
    const alerts = page.getByRole('table', { name: 'Alerts, the open ones first' });
    await alerts.getByRole('row').filter({ hasText: 'Domain paused' }).getByText('Open', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: /^Acknowledge/ }).count()).toBe(0);
    await page.goto(consoleUrl(rally, `/o/${slug}/replies/triage`));
    await page.getByRole('link', { name: 'Re: your letter' }).waitFor();
    expect(await page.getByRole('button', { name: /^Tie / }).count()).toBe(0);
    await review(page, 'replies-triage-read-only');
    await page.getByRole('link', { name: 'Re: your letter' }).click();
    await page.waitForURL(`**/replies/messages/${messageId}`);
    await page.getByText('Tied to no letter: it waits in the triage queue.').waitFor();
    expect(await page.getByRole('button', { name: 'Tie to a letter' }).count()).toBe(0);
    await page.close();
  });
});
