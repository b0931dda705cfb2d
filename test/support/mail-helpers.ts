import type { DataSource } from 'typeorm';
import { MailService, TEST_MAIL } from '#rally/mail';
import type { RallyHarness } from './rally-harness.js';

export const recipient = (i: number): string => `person${i}@example.org`;

/** Queues `count` test messages to distinct recipients through the api's MailService. */
export async function queueTestMails(rally: RallyHarness, count: number, from = 0): Promise<string[]> {
  const mail = rally.api.get(MailService);
  const requests = Array.from({ length: count }, (_, k) => ({
    to: recipient(from + k),
    template: TEST_MAIL,
    data: { sentAt: `run-${from + k}` },
    idempotencyKey: `pipeline-test:${from + k}`,
  }));
  return mail.sendMany(null, requests);
}

export async function outboxStatusCounts(db: DataSource): Promise<Record<string, number>> {
  const rows = (await db.query(`SELECT status, count(*)::int AS n FROM mail_outbox GROUP BY status`)) as {
    status: string;
    n: number;
  }[];
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** recipient -> how many times the sink received a message for it. */
export function deliveriesByRecipient(messages: { to: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of messages) counts.set(m.to, (counts.get(m.to) ?? 0) + 1);
  return counts;
}
