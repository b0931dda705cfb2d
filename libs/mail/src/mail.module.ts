import type { DynamicModule, Provider } from '@nestjs/common';
import { Global, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { RallyConfig } from '#rally/core';
import { RALLY_CONFIG, requireSecretKey } from '#rally/core';
import { MailReconcileJob } from './jobs/mail-reconcile.job.js';
import { MailFailureHooks } from './jobs/mail-failure-hooks.js';
import { MailSendJob } from './jobs/mail-send.job.js';
import type { MailConfig } from './mail.config.js';
import { MAIL_CONFIG } from './mail.config.js';
import { MailOutboxRepository } from './mail-outbox.repository.js';
import { MailService } from './mail.service.js';
import { MailboxController } from './mailbox/mailbox.controller.js';
import { OrganisationRelayService } from './relay/organisation-relay.service.js';
import { RelayCredentialSeal } from './relay/relay-seal.js';
import { RelayTransports } from './relay/relay-transports.js';
import { MailRenderer } from './templates/mail-renderer.js';
import type { MailTemplate } from './templates/mail-template.js';
import { TEST_MAIL } from './system-mail/system-mail.templates.js';
import { CaptureMailTransport } from './transport/capture.transport.js';
import { MailTransport } from './transport/mail-transport.js';
import { SmtpMailTransport } from './transport/smtp.transport.js';

const SHARED: Provider[] = [
  { provide: MailRenderer, useFactory: () => new MailRenderer().withTemplates(TEST_MAIL) },
  MailOutboxRepository,
  MailService,
  {
    provide: RelayCredentialSeal,
    inject: [RALLY_CONFIG],
    useFactory: (config: RallyConfig) => new RelayCredentialSeal(requireSecretKey(config)),
  },
  OrganisationRelayService,
  MailFailureHooks,
];
const EXPORTS = [MailService, MailRenderer, OrganisationRelayService, MailFailureHooks];

/**
 * Mail for every feature. The api queues (MailService) and, when captured mail may be shown, serves the local
 * mailbox; the worker adds the transport and the send and reconcile jobs (the only code that talks SMTP).
 */
@Global()
@Module({})
export class MailModule {
  /** `mailbox`: serve /dev/mailbox (capture mode on a loopback address only, see mailboxExposure). */
  static forApi(options: { mailbox: boolean }): DynamicModule {
    return {
      module: MailModule,
      controllers: options.mailbox ? [MailboxController] : [],
      providers: SHARED,
      exports: EXPORTS,
    };
  }

  static forWorker(): DynamicModule {
    return {
      module: MailModule,
      providers: [
        ...SHARED,
        {
          provide: MailTransport,
          inject: [MAIL_CONFIG.token, getDataSourceToken()],
          useFactory: (config: MailConfig, db: DataSource): MailTransport =>
            config.smtpUrl ? new SmtpMailTransport(config.smtpUrl, config.smtpPoolSize) : new CaptureMailTransport(db),
        },
        RelayTransports,
        MailSendJob,
        MailReconcileJob,
      ],
      exports: EXPORTS,
    };
  }

  /** A feature declares the templates it sends; they are compiled once, when the module starts. */
  static forFeature(...templates: MailTemplate<object>[]): DynamicModule {
    const token = Symbol(`mail-templates:${templates.map((t) => t.name).join(',')}`);
    return {
      module: MailModule,
      providers: [
        {
          provide: token,
          inject: [MailRenderer],
          useFactory: (renderer: MailRenderer) => renderer.register(...templates),
        },
      ],
    };
  }
}
