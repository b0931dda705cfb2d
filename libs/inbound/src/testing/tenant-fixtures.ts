import type { RallyLike, StaffHandle, TenantFixture } from '#rally-testing/organisations';
import { aStoredInboundMessage, aWebhookSource, anInboundAlert } from './index.js';

// One message per organisation: the walk fills {messageId} and {attachmentId} independently, and the attachment
// route wants them to belong together.
const messages = new Map<string, Promise<{ messageId: string; attachmentId: string }>>();
const messageOf = (rally: RallyLike, owner: StaffHandle) => {
  let message = messages.get(owner.organisation.id);
  if (!message) messages.set(owner.organisation.id, (message = aStoredInboundMessage(rally, owner)));
  return message;
};

/** Objects of the inbound library that staff routes address by id; the cross-tenant test makes them in another org. */
export const tenantFixtures: TenantFixture[] = [
  { param: 'sourceId', create: async (rally, owner) => (await aWebhookSource(rally, owner)).source.id },
  { param: 'messageId', create: async (rally, owner) => (await messageOf(rally, owner)).messageId },
  { param: 'attachmentId', create: async (rally, owner) => (await messageOf(rally, owner)).attachmentId },
  { param: 'alertId', create: (rally, owner) => anInboundAlert(rally, owner) },
];
