import type { RallyHarness } from '../support/rally-harness.js';

export interface HttpResult<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** JSON over HTTP against a started Rally; no redirects, no cookie jar: tests pass headers explicitly. */
export async function call<T = Record<string, unknown>>(
  rally: RallyHarness,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: unknown } = {},
): Promise<HttpResult<T>> {
  const res = await fetch(`${rally.baseUrl}${path}`, {
    method,
    headers: { ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
    redirect: 'manual',
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (HTML page): keep the text.
  }
  return { status: res.status, body: body as T, headers: res.headers };
}

/** `name=value` pairs of the Set-Cookie headers, ready for a Cookie header. */
export function cookiesOf(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair.indexOf('=');
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1);
  }
  return out;
}

/** The secret carried in a mailed link's fragment (`#token=...`). */
export function tokenFromMail(text: string): string {
  const match = /#token=([A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error(`no token link in mail: ${text.slice(0, 200)}`);
  return match[1];
}
