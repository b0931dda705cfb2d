import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { AccessModule } from '#rally/access';
import type { Clock, RallyConfig } from '#rally/core';
import { ConfigModule, DatabaseModule, HealthModule, QueueModule, withStatementTimeout } from '#rally/core';
import { MailModule, mailboxExposure } from '#rally/mail';
import { OrganisationsModule } from '#rally/organisations';
import { PetitionsModule } from '#rally/petitions';
import { RecommendationsModule } from '#rally/recommendations';
import { TargetsModule } from '#rally/targets';
import { LettersModule } from '#rally/letters';
import { InboundModule } from '#rally/inbound';
import { ResponsesModule } from '#rally/responses';
import { ImplementationModule } from '#rally/implementation';
import { ScoreboardModule } from '#rally/scoreboard';
import { FollowUpsModule } from '#rally/followups';
import { MailingsModule } from '#rally/mailings';
import type { RallyRuntime } from '#rally/schema';
import { RALLY_JOBS, RALLY_PERMISSIONS } from '#rally/schema';
import type { ConsoleOptions } from './console/console.module.js';
import { ConsoleModule } from './console/console.module.js';

/**
 * The HTTP process: staff API, public pages, the staff console, and (capture mode on a loopback address only) the
 * local mailbox.
 */
@Module({})
export class ApiModule {
  static forRoot(
    config: RallyConfig,
    runtime: RallyRuntime,
    options: { console?: ConsoleOptions; clock?: Clock } = {},
  ): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config, options.clock),
        DatabaseModule.forRoot(withStatementTimeout(runtime.dataSource, config.database.statementTimeoutMs)),
        QueueModule.forRoot(runtime.queue, { consume: false, jobs: RALLY_JOBS }),
        // The guard in front of every route: @Public, a session, or a token with the route's permission; nothing else.
        AccessModule.forApi({ permissions: RALLY_PERMISSIONS }),
        MailModule.forApi({ mailbox: mailboxExposure(config) === 'served' }),
        HealthModule,
        OrganisationsModule.forApi(),
        PetitionsModule.forApi(),
        RecommendationsModule.forApi(),
        TargetsModule.forApi(),
        LettersModule.forApi(),
        // With the mailbox: "reply to this letter" sends through the inbound SMTP server.
        InboundModule.forApi({ mailbox: mailboxExposure(config) === 'served' }),
        ResponsesModule.forApi(),
        ImplementationModule.forApi(),
        ScoreboardModule.forApi(),
        FollowUpsModule.forApi(),
        MailingsModule.forApi(),
        ConsoleModule.forRoot(options.console),
      ],
    };
  }
}
