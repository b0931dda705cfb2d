import { createHmac } from 'node:crypto';
import type { RallyLike, StaffHandle } from '#rally-testing/organisations';
import { authOf } from '#rally-testing/organisations';
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

/** The headers a provider sends: X-Rally-Timestamp and the hex HMAC-SHA256 of `${timestamp}.` + the raw body. */
export function webhookSignature(
  secret: string,
  body: Buffer | string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
  return { 'x-rally-timestamp': String(timestamp), 'x-rally-signature': signature };
}
