import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { MailModule } from '#rally/mail';
import { MailingContentService } from './content/mailing-content.service.js';
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
 * preferences pages. The worker: the scheduler, the dispatcher at the relay's rate, hard bounces to the suppression list.
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
      imports: [MailModule.forFeature(MAILING_MAIL)],
      providers: [SuppressionList, RunStager, MailingDispatcher, MailingJobs, MailingBounces],
      exports: [SuppressionList],
    };
  }
}
