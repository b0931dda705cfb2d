import type { CaughtMail } from '#rally-testing/core';

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
