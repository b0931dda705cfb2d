import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { MailModule } from '#rally/mail';
import { OldAccountLinksController } from './account-links/old-account-links.controller.js';
import { ApiTokenController } from './api-tokens/api-token.controller.js';
import { ApiTokenService } from './api-tokens/api-token.service.js';
import { AuditController } from './audit/audit.controller.js';
import { AccountService } from './auth/account.service.js';
import { AuthController } from './auth/auth.controller.js';
import { LoginService } from './auth/login.service.js';
import { PasswordResetService } from './auth/password-reset.service.js';
import { RateLimiter } from './auth/rate-limiter.js';
import { InvitationAcceptService } from './invitations/invitation-accept.service.js';
import { InvitationAcceptController, InvitationController } from './invitations/invitation.controller.js';
import { InvitationService } from './invitations/invitation.service.js';
import { AuthPurgeJob } from './jobs/auth-purge.job.js';
import { MailRelayController } from './mail-relay/mail-relay.controller.js';
import { MailRelayService } from './mail-relay/mail-relay.service.js';
import { MemberController } from './members/member.controller.js';
import { MemberService } from './members/member.service.js';
import { OrganisationController } from './organisation.controller.js';
import { OrganisationService } from './organisation.service.js';
import { ORGANISATION_MAILS } from './organisations.mail.js';

/** Organisations and their staff. The api gets the routes; the worker the purge job. */
@Module({})
export class OrganisationsModule {
  static forApi(): DynamicModule {
    return {
      module: OrganisationsModule,
      imports: [MailModule.forFeature(...ORGANISATION_MAILS)],
      controllers: [
        AuthController,
        OldAccountLinksController,
        InvitationAcceptController,
        OrganisationController,
        MailRelayController,
        MemberController,
        InvitationController,
        ApiTokenController,
        AuditController,
      ],
      providers: [
        RateLimiter,
        LoginService,
        AccountService,
        PasswordResetService,
        OrganisationService,
        MailRelayService,
        MemberService,
        InvitationService,
        InvitationAcceptService,
        ApiTokenService,
      ],
    };
  }

  static forWorker(): DynamicModule {
    return {
      module: OrganisationsModule,
      imports: [MailModule.forFeature(...ORGANISATION_MAILS)],
      providers: [RateLimiter, AuthPurgeJob],
    };
  }
}
