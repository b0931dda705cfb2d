import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { LetterHooksModule } from '#rally/letters';
import { MailModule } from '#rally/mail';
import { ResponsesModule } from '#rally/responses';
import { PublicScoreboardController } from './board/public-scoreboard.controller.js';
import { ScoreboardController } from './board/scoreboard.controller.js';
import { ScoreboardService } from './board/scoreboard.service.js';
import { HolidayService } from './holidays/holiday.service.js';
import { REPLY_CHECK_MAIL } from './reply-checks/reply-check-mail.js';
import { ReplyCheckJob } from './reply-checks/reply-check.job.js';
import { ReplyCheckLinks } from './reply-checks/reply-check-links.js';
import { ReplyCheckPageController } from './reply-checks/reply-check-page.controller.js';
import { ReplyCheckService } from './reply-checks/reply-check.service.js';
import { WaveRollup } from './rollup/wave-rollup.js';

/**
 * The response-time scoreboard and "did they reply?". Both processes keep the rollup (the worker as letters are
 * sent and replies drafted, the api as staff record responses and supporters answer); the api serves the staff
 * routes, the public board and the answer links; the worker stages the questions.
 */
@Module({})
export class ScoreboardModule {
  private static forApiModule?: DynamicModule;

  static forApi(): DynamicModule {
    return (this.forApiModule ??= {
      module: ScoreboardModule,
      imports: [LetterHooksModule, ResponsesModule.forApi()],
      controllers: [ScoreboardController, PublicScoreboardController, ReplyCheckPageController],
      providers: [WaveRollup, ScoreboardService, HolidayService, ReplyCheckLinks, ReplyCheckService],
      exports: [ScoreboardService],
    });
  }

  private static forWorkerModule?: DynamicModule;

  static forWorker(): DynamicModule {
    return (this.forWorkerModule ??= {
      module: ScoreboardModule,
      imports: [LetterHooksModule, ResponsesModule.forWorker(), MailModule.forFeature(REPLY_CHECK_MAIL)],
      providers: [WaveRollup, ReplyCheckLinks, ReplyCheckJob],
    });
  }
}
