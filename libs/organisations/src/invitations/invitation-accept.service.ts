import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InjectConfig, InvalidInputError, normaliseEmail, NotFoundError } from '#rally/core';
import { AuditLog, hashSecret, Membership, Organisation, StaffUser } from '#rally/access';
import type { OrganisationsConfig } from '../organisations.config.js';
import { ORGANISATIONS_CONFIG } from '../organisations.config.js';
import { hashPassword, passwordProblems, verifyPassword } from '../auth/password.js';
import { RateLimiter } from '../auth/rate-limiter.js';
import { Invitation, invitationState } from '../entities/invitation.entity.js';
import {
  InvalidCredentialsError,
  LinkInvalidError,
  LoginLockedError,
  WeakPasswordError,
} from '../organisations.exception.js';

export interface InvitationPreview {
  organisationName: string;
  email: string;
  role: Invitation['role'];
  state: ReturnType<typeof invitationState>;
  accountExists: boolean;
}

/**
 * The invitee's side: the link's secret proves they own the invited email. A new person sets a name and password;
 * someone who already has an account proves it with their password or by being signed in as that account.
 */
@Injectable()
export class InvitationAcceptService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig(ORGANISATIONS_CONFIG) private readonly limits: OrganisationsConfig,
    private readonly limiter: RateLimiter,
    private readonly audit: AuditLog,
  ) {}

  async preview(secret: string): Promise<InvitationPreview> {
    const invitation = await this.db.getRepository(Invitation).findOneBy({ tokenHash: hashSecret(secret) });
    if (!invitation) throw new NotFoundError('Invitation');
    const organisation = await this.db.getRepository(Organisation).findOneByOrFail({ id: invitation.organisationId });
    const accountExists = await this.db.getRepository(StaffUser).existsBy({ email: invitation.email });
    return {
      organisationName: organisation.name,
      email: invitation.email,
      role: invitation.role,
      state: invitationState(invitation),
      accountExists,
    };
  }

  /** Returns the user who joined; the caller signs them in. */
  async accept(
    secret: string,
    input: { name?: string; password?: string },
    signedInUserId: string | null,
  ): Promise<{ userId: string; slug: string }> {
    return this.db.transaction(async (tx) => {
      const invitation = await tx
        .getRepository(Invitation)
        .findOne({ where: { tokenHash: hashSecret(secret) }, lock: { mode: 'pessimistic_write' } });
      if (!invitation) throw new LinkInvalidError('invitation', 'unknown');
      const state = invitationState(invitation);
      if (state !== 'pending') throw new LinkInvalidError('invitation', state);

      const users = tx.getRepository(StaffUser);
      let user = await users.findOneBy({ email: invitation.email });
      if (user && user.id !== signedInUserId) {
        // Joining with an existing account is a sign-in: same counter as the login form, so no side door for guessing.
        const attempt = await this.limiter.hit(`login:account:${user.email}`, this.limits.loginLockoutMinutes * 60);
        if (attempt.hits > this.limits.loginMaxFailures) throw new LoginLockedError(attempt.retryAfterSeconds);
        if (!input.password || !(await verifyPassword(user.passwordHash, input.password)))
          throw new InvalidCredentialsError();
      }
      if (!user) {
        const missing: Record<string, string[]> = {};
        if (!input.name) missing.name = ['name is required to create your account'];
        if (!input.password) missing.password = ['password is required to create your account'];
        if (Object.keys(missing).length > 0) throw new InvalidInputError(missing);
        const problems = passwordProblems(input.password as string, invitation.email);
        if (problems.length > 0) throw new WeakPasswordError('password', problems);
        user = await users.save({
          email: invitation.email,
          emailNormalized: normaliseEmail(invitation.email),
          name: input.name as string,
          passwordHash: await hashPassword(input.password as string),
          passwordChangedAt: new Date(),
        });
      }

      await tx
        .createQueryBuilder()
        .insert()
        .into(Membership)
        .values({ organisationId: invitation.organisationId, userId: user.id, role: invitation.role })
        .orIgnore()
        .execute();
      await tx
        .getRepository(Invitation)
        .update({ id: invitation.id }, { acceptedAt: new Date(), acceptedUserId: user.id });
      const auth = {
        organisationId: invitation.organisationId,
        role: invitation.role,
        actor: { kind: 'user' as const, userId: user.id, sessionId: '' },
      };
      await this.audit.record(
        auth,
        {
          action: 'invitation.accept',
          objectType: 'invitation',
          objectId: invitation.id,
          details: { email: invitation.email, role: invitation.role },
        },
        tx,
      );
      const organisation = await tx.getRepository(Organisation).findOneByOrFail({ id: invitation.organisationId });
      return { userId: user.id, slug: organisation.slug };
    });
  }
}
