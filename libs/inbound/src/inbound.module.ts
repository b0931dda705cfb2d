import type { DynamicModule, Provider } from '@nestjs/common';
import { Module } from '@nestjs/common';
import type { RallyConfig } from '#rally/core';
import { RALLY_CONFIG, requireSecretKey } from '#rally/core';
import { RelayCredentialSeal } from '#rally/mail';
import { AddressedMail } from './addresses/addressed-mail.js';
import { InboundEffects } from './effects/inbound-effects.js';
import { RelayRefusals } from './effects/relay-refusals.js';
import { InboundHooksModule } from './effects/reply-hooks.js';
import { MailboxReplyController } from './mailbox/mailbox-reply.controller.js';
import type { InboundConfig } from './inbound.config.js';
import { INBOUND_CONFIG } from './inbound.config.js';
import { InboundProcessJob, InboundReconcileJob } from './processing/inbound-process.job.js';
import { INBOUND_TRUSTED_AUTHSERV_IDS, InboundProcessor } from './processing/inbound-processor.js';
import { ImapPollJob, ImapScheduleJob } from './imap/imap-poll.job.js';
import { ImapPoller } from './imap/imap-poller.js';
import { InboundReceiver } from './receiving/inbound-receiver.js';
import { InboundRecipients } from './receiving/inbound-recipients.js';
import { InboundSmtpServer } from './receiving/inbound-smtp.server.js';
import { InboundMessageController } from './messages/inbound-message.controller.js';
import { InboundMessageService } from './messages/inbound-message.service.js';
import { InboundThreadService } from './messages/inbound-thread.service.js';
import { InboundSourceController } from './sources/inbound-source.controller.js';
import { InboundSourceService } from './sources/inbound-source.service.js';
import { InboundWebhookController } from './webhook/inbound-webhook.controller.js';
import { RawMimeBodyParser } from './webhook/raw-mime-body.parser.js';
import { ReplyAddressController } from './revocation/reply-address.controller.js';
import { ReplyAddressService } from './revocation/reply-address.service.js';

/** Source secrets are sealed like relay passwords, with the same key derivation (mail keeps its own instance private). */
const SEAL: Provider = {
  provide: RelayCredentialSeal,
  inject: [RALLY_CONFIG],
  useFactory: (config: RallyConfig) => new RelayCredentialSeal(requireSecretKey(config)),
};

/**
 * Inbound mail. The api: staff routes and the provider webhook. The inbound process: Rally's SMTP server. The worker:
 * processing and IMAP polling.
 */
@Module({})
export class InboundModule {
  /** `mailbox`: "reply to this letter" on the local mailbox (served exactly when the mailbox is, see mailboxExposure). */
  static forApi(options: { mailbox?: boolean } = {}): DynamicModule {
    return {
      module: InboundModule,
      imports: [InboundHooksModule],
      controllers: [
        InboundSourceController,
        InboundMessageController,
        InboundWebhookController,
        ReplyAddressController,
        ...(options.mailbox ? [MailboxReplyController] : []),
      ],
      providers: [
        SEAL,
        InboundSourceService,
        InboundMessageService,
        InboundThreadService,
        ReplyAddressService,
        InboundReceiver,
        RawMimeBodyParser,
      ],
      exports: [InboundReceiver],
    };
  }

  /** apps/inbound: the SMTP server (MX of the reply domain) and the receiver it stores into. */
  static forSmtp(): DynamicModule {
    return {
      module: InboundModule,
      imports: [InboundHooksModule],
      providers: [InboundRecipients, InboundReceiver, InboundSmtpServer],
      exports: [InboundSmtpServer],
    };
  }

  /** Processing of stored messages (classify, thread, act), and IMAP polling into the same store. */
  static forWorker(): DynamicModule {
    return {
      module: InboundModule,
      imports: [InboundHooksModule],
      providers: [
        SEAL,
        InboundReceiver,
        ImapPoller,
        ImapPollJob,
        ImapScheduleJob,
        InboundEffects,
        // Letters the relay refused at send time act like bounces (registered with the mail library's hooks).
        RelayRefusals,
        // Mail to the address kinds features registered (InboundAddressKinds) goes to them, not to the triage queue.
        AddressedMail,
        InboundProcessor,
        InboundProcessJob,
        // No relay's Authentication-Results is believed until the installation names its own.
        {
          provide: INBOUND_TRUSTED_AUTHSERV_IDS,
          inject: [INBOUND_CONFIG.token],
          useFactory: (config: InboundConfig) => config.trustedAuthservIds,
        },
        InboundReconcileJob,
      ],
      exports: [InboundProcessor],
    };
  }
}
