import { AccountPagesController } from './account-pages/account-pages.controller.js';
import type { DynamicModule, Provider } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { MailModule } from '#rally/mail';
import { ApiTokenController } from './api-tokens/api-token.controller.js';
import { ApiTokenService } from './api-tokens/api-token.service.js';
import { AuditController } from './audit/audit.controller.js';
import { AuditLog } from './audit/audit-log.service.js';
import { AccessRepository } from './auth/access.repository.js';
import { AccountService } from './auth/account.service.js';
import { AuthController } from './auth/auth.controller.js';
import { LoginService } from './auth/login.service.js';
import { PasswordResetService } from './auth/password-reset.service.js';
import { RateLimiter } from './auth/rate-limiter.js';
import { SessionService } from './auth/session.service.js';
import { StaffAuthGuard } from './auth/staff-auth.guard.js';
import { InvitationAcceptService } from './invitations/invitation-accept.service.js';
import { InvitationAcceptController, InvitationController } from './invitations/invitation.controller.js';
import { InvitationService } from './invitations/invitation.service.js';
import { AuthPurgeHandler } from './jobs/auth-purge.handler.js';
import { MemberController } from './members/member.controller.js';
import { MemberService } from './members/member.service.js';
import { OrganisationController } from './organisation.controller.js';
import { OrganisationService } from './organisation.service.js';
import { ORGANISATION_MAILS } from './organisations.mail.js';

const SHARED: Provider[] = [RateLimiter, SessionService, AuditLog];

/** Organisations, staff, sign-in and access. The api gets the routes and the guard; the worker the purge job. */
@Module({})
export class OrganisationsModule {
  static forApi(): DynamicModule {
    return {
      module: OrganisationsModule,
      imports: [MailModule.forFeature(...ORGANISATION_MAILS)],
      controllers: [
        AuthController,
        AccountPagesController,
        InvitationAcceptController,
        OrganisationController,
        MemberController,
        InvitationController,
        ApiTokenController,
        AuditController,
      ],
      providers: [
        ...SHARED,
        AccessRepository,
        StaffAuthGuard,
        LoginService,
        AccountService,
        PasswordResetService,
        OrganisationService,
        MemberService,
        InvitationService,
        InvitationAcceptService,
        ApiTokenService,
      ],
      exports: [StaffAuthGuard, AccessRepository, SessionService, AuditLog],
    };
  }

  static forWorker(): DynamicModule {
    return {
      module: OrganisationsModule,
      imports: [MailModule.forFeature(...ORGANISATION_MAILS)],
      providers: [...SHARED, AuthPurgeHandler],
      exports: [AuditLog],
    };
  }
}
