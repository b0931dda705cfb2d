import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { InboundHooksModule } from '#rally/inbound';
import { MailModule } from '#rally/mail';
import { MailingContentService } from './content/mailing-content.service.js';
import { MailingInboundMail } from './inbound/mailing-inbound-mail.js';
import { MAILING_MAIL } from './mail/mailing-mail.templates.js';
import { MailingReportsService } from './reports/mailing-reports.service.js';
import { MailingDispatcher } from './runs/mailing-dispatcher.js';
import { MailingJobs } from './runs/mailing-jobs.js';
import { RunStager } from './runs/run-stager.js';
import { MailingController } from './staff/mailing.controller.js';
import { MailingService } from './staff/mailing.service.js';
import { SuppressionController } from './staff/suppression.controller.js';
import { MailingBounces } from './suppression/mailing-bounces.js';
import { SuppressionList } from './suppression/suppression-list.js';
import { OneClickBodyParser } from './unsubscribe/one-click-body.parser.js';
import { UnsubscribeController } from './unsubscribe/unsubscribe.controller.js';
import { UnsubscribeService } from './unsubscribe/unsubscribe.service.js';

/**
 * Mailings. The api: staff routes (and "send now", which stages the run in the request), the unsubscribe and
 * preferences pages. The worker: the scheduler, the dispatcher at the relay's rate, hard bounces to the suppression
 * list, the return path's reports and the mailto unsubscribes that inbound processing hands over. The inbound SMTP
 * process: those two addresses, so its server accepts them at RCPT.
 */
@Module({})
export class MailingsModule {
  static forApi(): DynamicModule {
    return {
      module: MailingsModule,
      imports: [MailModule.forFeature(MAILING_MAIL)],
      controllers: [MailingController, SuppressionController, UnsubscribeController],
      providers: [
        SuppressionList,
        UnsubscribeService,
        RunStager,
        MailingService,
        MailingContentService,
        MailingReportsService,
        OneClickBodyParser,
      ],
      exports: [SuppressionList],
    };
  }

  static forWorker(): DynamicModule {
    return {
      module: MailingsModule,
      imports: [MailModule.forFeature(MAILING_MAIL), InboundHooksModule],
      providers: [
        SuppressionList,
        RunStager,
        MailingDispatcher,
        MailingJobs,
        MailingBounces,
        UnsubscribeService,
        MailingInboundMail,
      ],
      exports: [SuppressionList],
    };
  }

  /** apps/inbound: the address kinds mailings own, registered with inbound's InboundAddressKinds. */
  static forInbound(): DynamicModule {
    return {
      module: MailingsModule,
      imports: [InboundHooksModule],
      providers: [SuppressionList, UnsubscribeService, MailingInboundMail],
    };
  }
}
