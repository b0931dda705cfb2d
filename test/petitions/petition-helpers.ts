import type { CaughtMail } from '#rally-testing/core';
import type { RallyHarness } from '../support/rally-harness.js';
import { waitUntil } from '../support/processes.js';

/** Posts the sign form the way a browser without JavaScript does. */
export function postForm(
  rally: RallyHarness,
  slug: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${rally.baseUrl}/p/${slug}/sign`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
}

export function postJson(rally: RallyHarness, slug: string, body: unknown): Promise<Response> {
  return fetch(`${rally.baseUrl}/p/${slug}/sign`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export async function publicCount(
  rally: RallyHarness,
  slug: string,
): Promise<{ count: number; online: number; paper: number }> {
  return (await fetch(`${rally.baseUrl}/p/${slug}/count.json`)).json() as Promise<{
    count: number;
    online: number;
    paper: number;
  }>;
}

export async function waitForCount(rally: RallyHarness, slug: string, count: number): Promise<void> {
  await waitUntil(async () => (await publicCount(rally, slug)).count === count, 15_000, 100);
}

/** The confirmation link in a caught mail (text part). */
export function confirmLink(mail: CaughtMail): string {
  const match = /(http:\/\/\S+\/confirm\/\S+)/.exec(mail.text);
  if (!match) throw new Error(`no confirmation link in mail: ${mail.text}`);
  return match[1];
}

/**
 * What a person does with the mailed link: open it (a page with one button, which changes nothing) and press the
 * button (a form POST to the same address). Answers the POST.
 */
export async function pressConfirm(link: string): Promise<Response> {
  const page = await fetch(link, { redirect: 'manual' });
  if (page.status !== 200) return page;
  const html = await page.text();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no confirmation button on the page:\n${html.slice(0, 500)}`);
  return fetch(new URL(action.replace(/&amp;/g, '&'), link), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: '',
  });
}

export const mailsTo = (rally: RallyHarness, to: string, count: number, subject?: RegExp): Promise<CaughtMail[]> =>
  rally.smtp!.waitFor(count, (m) => m.to === to && (!subject || subject.test(m.subject)));
