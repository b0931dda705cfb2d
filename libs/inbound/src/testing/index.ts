import { createHmac, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { RallyLike, StaffHandle } from '#rally-testing/organisations';
import { authOf } from '#rally-testing/organisations';
import type { InboundImapSourceCreateDto } from '../dto/inbound-source.dto.js';
import type { InboundSource } from '../entities/inbound-source.entity.js';
import { InboundSourceService } from '../sources/inbound-source.service.js';

/** A provider webhook source of the member's organisation, with its signing secret (shown once in the real API). */
export async function aWebhookSource(
  rally: RallyLike,
  staff: StaffHandle,
  name = 'Provider route',
): Promise<{ source: InboundSource; secret: string }> {
  return rally.api.get(InboundSourceService).create(authOf(staff), { kind: 'webhook', name });
}

/** An IMAP mailbox of the member's organisation; by default on a loopback port nothing listens on. */
export async function anImapSource(
  rally: RallyLike,
  staff: StaffHandle,
  overrides: Partial<InboundImapSourceCreateDto> = {},
): Promise<InboundSource> {
  return rally.api.get(InboundSourceService).createImap(authOf(staff), {
    name: 'Replies mailbox',
    host: '127.0.0.1',
    port: 9,
    secure: false,
    username: 'replies@example.org',
    password: 'mailbox-password',
    ...overrides,
  });
}

/** The headers a provider sends: X-Rally-Timestamp and the hex HMAC-SHA256 of `${timestamp}.` + the raw body. */
export function webhookSignature(
  secret: string,
  body: Buffer | string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
  return { 'x-rally-timestamp': String(timestamp), 'x-rally-signature': signature };
}

/**
 * A processed reply in the organisation's triage queue, with an HTML part and one attachment, written straight to the
 * tables: for routes that need inbound mail to exist (the cross-tenant walk), not for testing how mail is processed.
 */
export async function aStoredInboundMessage(
  rally: RallyLike,
  staff: StaffHandle,
): Promise<{ messageId: string; attachmentId: string }> {
  const db = rally.api.get(DataSource);
  const messageId = randomUUID();
  await db.query(
    `INSERT INTO inbound_messages (id, organization_id, channel, status, kind, envelope_to, size, from_address,
       subject, body_text, reply_text, body_html, received_at, processed_at)
     VALUES ($1, $2, 'webhook', 'processed', 'reply', '{}', 120, 'cabinet@justice.example.gov', 'Re: your letter',
       'We have received your letter.', 'We have received your letter.', '<p>We have received your letter.</p>',
       now(), now())`,
    [messageId, staff.organisation.id],
  );
  const [{ id: attachmentId }] = (await db.query(
    `INSERT INTO inbound_attachments (organization_id, message_id, file_name, content_type, size, data)
     VALUES ($1, $2, 'answer.pdf', 'application/pdf', 4, $3) RETURNING id`,
    [staff.organisation.id, messageId, Buffer.from('%PDF')],
  )) as { id: string }[];
  return { messageId, attachmentId };
}

/** An open alert of the organisation. */
export async function anInboundAlert(rally: RallyLike, staff: StaffHandle): Promise<string> {
  const [{ id }] = (await rally.api.get(DataSource).query(
    `INSERT INTO inbound_alerts (organization_id, kind, domain, detail, created_at)
     VALUES ($1, 'domain-paused', 'justice.example.gov', 'five hard bounces', now()) RETURNING id`,
    [staff.organisation.id],
  )) as { id: string }[];
  return id;
}
