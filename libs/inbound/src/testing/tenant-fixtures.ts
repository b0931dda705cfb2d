import type { RallyLike, StaffHandle, TenantFixture } from '#rally-testing/organisations';
import { aStoredInboundMessage, anImapSource, anInboundAlert } from './index.js';

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
  // An IMAP mailbox: every source route takes it (rotate-secret, for webhooks only, answers 404 whoever asks).
  { param: 'sourceId', create: async (rally, owner) => (await anImapSource(rally, owner)).id },
  { param: 'messageId', create: async (rally, owner) => (await messageOf(rally, owner)).messageId },
  { param: 'attachmentId', create: async (rally, owner) => (await messageOf(rally, owner)).attachmentId },
  { param: 'alertId', create: (rally, owner) => anInboundAlert(rally, owner) },
];
