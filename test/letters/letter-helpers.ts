import type { CaughtMail } from '#rally-testing/core';
import type { RallyHarness } from '../support/rally-harness.js';

export { confirmLink, pressConfirm } from '../support/one-click.js';

/** Posts a letter form step (`preview` or `send`) as JSON: the API a page with JavaScript would use. */
export async function postLetterJson(
  rally: RallyHarness,
  slug: string,
  step: 'preview' | 'send',
  body: unknown,
): Promise<Response> {
  return fetch(`${rally.baseUrl}/l/${slug}/${step}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Posts a letter form step the way a browser without JavaScript does (repeated keys for ticked boxes). */
export function postLetterForm(
  rally: RallyHarness,
  slug: string,
  step: 'preview' | 'send' | 'edit',
  form: Record<string, unknown> | [string, string][],
): Promise<Response> {
  const params = new URLSearchParams();
  const entries = Array.isArray(form) ? form : Object.entries(form);
  for (const [k, v] of entries)
    if (Array.isArray(v)) for (const x of v) params.append(k, String(x));
    else if (v !== undefined) params.append(k, String(v));
  return fetch(`${rally.baseUrl}/l/${slug}/${step}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: params.toString(),
  });
}

/** The hidden fields of the preview page's send form, as a browser would post them back. */
export function hiddenFieldsOf(html: string, formAction: string): [string, string][] {
  const start = html.indexOf(`action="${formAction}"`);
  if (start < 0) throw new Error(`no form posting to ${formAction}`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const decode = (v: string): string =>
    v
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&#x3D;/g, '=')
      .replace(/&#x60;/g, '`')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  return [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, decode(m[2]!)]);
}

/** The Message-ID header of a caught mail, as sent. */
export function messageIdOf(mail: CaughtMail): string {
  return /^Message-ID:\s*(\S+)/im.exec(mail.raw)?.[1] ?? '';
}

export const header = (mail: CaughtMail, name: string): string => {
  const v = mail.headers.get(name) as { text?: string } | string | undefined;
  return typeof v === 'string' ? v : (v?.text ?? '');
};
