import type { RallyLibrary } from '#rally/core';
import { AddressBounce } from './entities/address-bounce.entity.js';
import { InboundAlert, SendingPause } from './entities/inbound-alert.entity.js';
import { InboundAttachment } from './entities/inbound-attachment.entity.js';
import { InboundMessage, InboundMessageChunk } from './entities/inbound-message.entity.js';
import { InboundSource } from './entities/inbound-source.entity.js';
import { LetterEvent } from './entities/letter-event.entity.js';
import { ReplyAddressRevocation } from './entities/reply-address-revocation.entity.js';
import { INBOUND_CONFIG } from './inbound.config.js';
import { INBOUND_JOBS } from './inbound.jobs.js';
import { INBOUND_AUDIT } from './inbound.audit.js';
import { INBOUND_PERMISSIONS } from './inbound.permissions.js';

/** Replies and bounces: received (SMTP, webhook, IMAP), classified, threaded to their letter, acted on. */
export const INBOUND_LIBRARY: RallyLibrary = {
  name: 'inbound',
  entities: [
    InboundMessage,
    InboundMessageChunk,
    InboundAttachment,
    LetterEvent,
    AddressBounce,
    InboundAlert,
    SendingPause,
    InboundSource,
    ReplyAddressRevocation,
  ],
  config: INBOUND_CONFIG,
  jobs: INBOUND_JOBS,
  permissions: INBOUND_PERMISSIONS,
  audit: INBOUND_AUDIT,
};
