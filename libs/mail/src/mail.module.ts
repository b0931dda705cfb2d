import type { DynamicModule } from '@nestjs/common';
import { Global, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { RallyConfig } from '#rally/core';
import { RALLY_CONFIG } from '#rally/core';
import { MailReconcileHandler } from './jobs/mail-reconcile.handler.js';
import { MailSendHandler } from './jobs/mail-send.handler.js';
import { MailOutboxRepository } from './mail-outbox.repository.js';
import { MailService } from './mail.service.js';
import { MailboxController } from './mailbox/mailbox.controller.js';
import { MailRenderer } from './templates/mail-renderer.js';
import type { MailTemplate } from './templates/mail-template.js';
import { TEST_MAIL } from './system-mail/system-mail.templates.js';
import { CaptureMailTransport } from './transport/capture.transport.js';
import { MailTransport } from './transport/mail-transport.js';
import { SmtpMailTransport } from './transport/smtp.transport.js';

/**
 * Mail for every feature. The api queues (MailService) and, in capture mode, serves the local mailbox;
 * the worker adds the send and reconcile handlers and the transport.
 */
@Global()
@Module({})
export class MailModule {
  static forRoot(options: { role: 'api' | 'worker'; captureMailbox: boolean }): DynamicModule {
    const worker = options.role === 'worker';
    return {
      module: MailModule,
      controllers: !worker && options.captureMailbox ? [MailboxController] : [],
      providers: [
        { provide: MailRenderer, useFactory: () => new MailRenderer().withTemplates(TEST_MAIL) },
        MailOutboxRepository,
        MailService,
        ...(worker
          ? [
              {
                provide: MailTransport,
                inject: [RALLY_CONFIG, getDataSourceToken()],
                useFactory: (config: RallyConfig, db: DataSource): MailTransport =>
                  config.mail.smtpUrl
                    ? new SmtpMailTransport(config.mail.smtpUrl, config.mail.smtpPoolSize)
                    : new CaptureMailTransport(db),
              },
              MailSendHandler,
              MailReconcileHandler,
            ]
          : []),
      ],
      exports: [MailService, MailRenderer],
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
