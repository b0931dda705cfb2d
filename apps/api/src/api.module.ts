import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { RallyConfig } from '#rally/core';
import { ConfigModule, DatabaseModule, HealthModule, QueueModule, withStatementTimeout } from '#rally/core';
import { MailModule, mailboxExposure } from '#rally/mail';
import { PetitionsModule } from '#rally/petitions';
import { OrganisationsModule, StaffAuthGuard } from '#rally/organisations';
import type { RallyRuntime } from '#rally/schema';

/** The HTTP process: staff API, public pages, and (capture mode on a loopback address only) the local mailbox. */
@Module({})
export class ApiModule {
  static forRoot(config: RallyConfig, runtime: RallyRuntime): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(withStatementTimeout(runtime.dataSource, config.database.statementTimeoutMs)),
        QueueModule.forRoot(runtime.queue, { consume: false }),
        MailModule.forRoot({ role: 'api', captureMailbox: mailboxExposure(config) === 'served' }),
        PetitionsModule,
        HealthModule,
        OrganisationsModule.forApi(),
      ],
      // Every route passes the staff guard: @Public, a session, or a token with the route's permission; nothing else.
      providers: [{ provide: APP_GUARD, useExisting: StaffAuthGuard }],
    };
  }
}
