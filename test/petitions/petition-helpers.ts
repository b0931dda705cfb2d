import type { CaughtMail } from '#rally-testing/core';
import type { RallyHarness } from '../support/rally-harness.js';
import { waitUntil } from '../support/processes.js';

export { confirmLink, pressConfirm } from '../support/one-click.js';

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

export const mailsTo = (rally: RallyHarness, to: string, count: number, subject?: RegExp): Promise<CaughtMail[]> =>
  rally.smtp!.waitFor(count, (m) => m.to === to && (!subject || subject.test(m.subject)));
