import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { AccessModule } from '#rally/access';
import type { Clock, RallyConfig } from '#rally/core';
import { ConfigModule, DatabaseModule, QueueModule } from '#rally/core';
import { MailModule } from '#rally/mail';
import { OrganisationsModule } from '#rally/organisations';
import { PetitionsModule } from '#rally/petitions';
import { RecommendationsModule } from '#rally/recommendations';
import { TargetsModule } from '#rally/targets';
import { LettersModule } from '#rally/letters';
import { InboundModule } from '#rally/inbound';
import { ResponsesModule } from '#rally/responses';
import { ScoreboardModule } from '#rally/scoreboard';
import { FollowUpsModule } from '#rally/followups';
import { MailingsModule } from '#rally/mailings';
import type { RallyRuntime } from '#rally/schema';
import { RALLY_JOBS } from '#rally/schema';

/** The job process: every queue's consumers; no HTTP. Refuses to boot while a listed job has no handler. */
@Module({})
export class WorkerModule {
  static forRoot(config: RallyConfig, runtime: RallyRuntime, options: { clock?: Clock } = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config, options.clock),
        DatabaseModule.forRoot(runtime.dataSource),
        QueueModule.forRoot(runtime.queue, { consume: true, jobs: RALLY_JOBS }),
        AccessModule.forWorker(),
        MailModule.forWorker(),
        OrganisationsModule.forWorker(),
        PetitionsModule.forWorker(),
        RecommendationsModule.forWorker(),
        TargetsModule.forWorker(),
        LettersModule.forWorker(),
        InboundModule.forWorker(),
        ResponsesModule.forWorker(),
        ScoreboardModule.forWorker(),
        FollowUpsModule.forWorker(),
        MailingsModule.forWorker(),
      ],
    };
  }
}
