import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { CampaignsModule } from '#rally/campaigns';
import { MailModule } from '#rally/mail';
import { SupportersModule } from '#rally/supporters';
import { TargetsModule } from '#rally/targets';
import { RecommendationsModule } from '#rally/recommendations';
import { LetterActionController } from './actions/letter-action.controller.js';
import { LetterActionService } from './actions/letter-action.service.js';
import { LetterPreviews } from './actions/letter-previews.js';
import { LetterDispatcher } from './delivery/letter-dispatcher.js';
import { LetterHooksModule } from './delivery/letter-sent-hooks.js';
import { LetterDispatchJob } from './jobs/letter-dispatch.job.js';
import { LetterStampSentJob } from './jobs/letter-stamp-sent.job.js';
import { LetterSupporterMailJob } from './jobs/letter-supporter-mail.job.js';
import { LETTER_MAIL_TEMPLATES } from './mail/letter-mail.templates.js';
import { LetterPageController } from './public-page/letter-page.controller.js';
import { LetterRouter } from './routing/letter-router.js';
import { LetterDeliveryController } from './staff/letter-delivery.controller.js';
import { LetterDeliveryService } from './staff/letter-delivery.service.js';
import { LetterTemplates } from './template/letter-templates.js';
import { LetterRateLimiter } from './writing/letter-rate-limiter.js';
import { LetterWritingService } from './writing/letter-writing.service.js';
import { PublicLetterActions } from './writing/public-letter-actions.js';

/** Letters. The api: staff routes, the public letter page. The worker: dispatch and supporter mail. */
@Module({})
export class LettersModule {
  static forApi(): DynamicModule {
    return {
      module: LettersModule,
      imports: [
        CampaignsModule.forApi(),
        SupportersModule.forApi(),
        TargetsModule.forApi(),
        RecommendationsModule.forApi(),
        MailModule.forFeature(...LETTER_MAIL_TEMPLATES),
        LetterHooksModule,
      ],
      controllers: [LetterPageController, LetterActionController, LetterDeliveryController],
      providers: [
        LetterTemplates,
        LetterActionService,
        LetterPreviews,
        LetterRouter,
        LetterWritingService,
        LetterRateLimiter,
        PublicLetterActions,
        LetterDeliveryService,
      ],
      exports: [LetterActionService, LetterDeliveryService],
    };
  }

  /** Dispatch within windows and caps, the sent stamps, supporter reminders. */
  static forWorker(): DynamicModule {
    return {
      module: LettersModule,
      imports: [TargetsModule.forWorker(), MailModule.forFeature(...LETTER_MAIL_TEMPLATES), LetterHooksModule],
      providers: [LetterTemplates, LetterDispatcher, LetterDispatchJob, LetterStampSentJob, LetterSupporterMailJob],
      exports: [LetterDispatcher],
    };
  }
}
