import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { MailModule } from '#rally/mail';
import { RecommendationsModule } from '#rally/recommendations';
import { FollowUpDigestScan } from './digest/digest-scan.js';
import { EscalationEvaluator } from './escalations/escalation-evaluator.js';
import { EscalationRuleController } from './escalations/escalation-rule.controller.js';
import { EscalationRuleService } from './escalations/escalation-rule.service.js';
import { EscalationJob } from './jobs/escalation.job.js';
import { FollowUpController } from './follow-up.controller.js';
import { FollowUpRepository } from './follow-up.repository.js';
import { FollowUpService } from './follow-up.service.js';
import { FollowUpDigestJob } from './jobs/follow-up-digest.job.js';
import { FollowUpReminderJob } from './jobs/follow-up-reminder.job.js';
import { FOLLOW_UP_MAIL_TEMPLATES } from './mail/follow-up-mail.templates.js';
import { FollowUpReminderScan } from './reminders/reminder-scan.js';
import { FollowUpSettingsController } from './settings/follow-up-settings.controller.js';
import { FollowUpSettingsService } from './settings/follow-up-settings.service.js';

/** Follow-ups. The api: staff routes and settings. The worker: the reminder scan, the daily digest, escalations. */
@Module({})
export class FollowUpsModule {
  private static forApiModule?: DynamicModule;

  static forApi(): DynamicModule {
    return (this.forApiModule ??= {
      module: FollowUpsModule,
      imports: [RecommendationsModule.forApi()],
      controllers: [FollowUpController, FollowUpSettingsController, EscalationRuleController],
      providers: [FollowUpRepository, FollowUpService, FollowUpSettingsService, EscalationRuleService],
      exports: [FollowUpService],
    });
  }

  private static forWorkerModule?: DynamicModule;

  static forWorker(): DynamicModule {
    return (this.forWorkerModule ??= {
      module: FollowUpsModule,
      imports: [MailModule.forFeature(...FOLLOW_UP_MAIL_TEMPLATES)],
      providers: [
        FollowUpReminderScan,
        FollowUpReminderJob,
        FollowUpDigestScan,
        FollowUpDigestJob,
        EscalationEvaluator,
        EscalationJob,
      ],
      exports: [FollowUpReminderScan],
    });
  }
}
