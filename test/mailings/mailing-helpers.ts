import type { DataSource } from 'typeorm';
import type { CaughtMail } from '#rally-testing/core';

/** A header as it arrived, unfolded (mailparser turns List-* headers into objects). */
export function rawHeader(mail: CaughtMail, name: string): string | undefined {
  const head = mail.raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

/** The https link of a caught mailing's List-Unsubscribe header. */
export function unsubscribeLink(mail: CaughtMail): string {
  const header = rawHeader(mail, 'List-Unsubscribe') ?? '';
  const https = /<(https?:\/\/[^>]+)>/.exec(header)?.[1];
  if (!https) throw new Error(`no https List-Unsubscribe in ${header}`);
  return https;
}

/** What an RFC 8058 client sends: a POST with the one-click body, no cookie, no CSRF token. */
export function oneClickPost(url: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
  });
}

export async function suppressionsOf(db: DataSource, organisationId: string): Promise<{ reason: string }[]> {
  return (await db.query(`SELECT reason FROM mail_suppressions WHERE organization_id = $1 ORDER BY created_at`, [
    organisationId,
  ])) as { reason: string }[];
}
