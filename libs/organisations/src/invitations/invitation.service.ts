import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, LessThanOrEqual, MoreThan, Not } from 'typeorm';
import type { RallyConfig } from '#rally/core';
import type { AuthContext, OrgScope, Role } from '#rally/access';
import { ConflictError, InjectConfig, NotFoundError, normaliseEmail, sqlRows } from '#rally/core';
import { MailService } from '#rally/mail';
import { AuditLog, hashSecret, newSecret, ApiToken, Organisation, StaffUser } from '#rally/access';
import { accountLinks } from '../account-links/account-links.js';
import type { InvitationState } from '../entities/invitation.entity.js';
import { Invitation } from '../entities/invitation.entity.js';
import { INVITATION_MAIL } from '../organisations.mail.js';

export const INVITATION_VALID_DAYS = 7;

/** Admins invite people by email to a role; the emailed link is the only way in (see InvitationAcceptService). */
@Injectable()
export class InvitationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: RallyConfig,
    private readonly audit: AuditLog,
    private readonly mail: MailService,
  ) {}

  async create(auth: AuthContext, input: { email: string; role: Role }): Promise<Invitation> {
    const email = normaliseEmail(input.email);
    const secret = newSecret('ri');
    const { invitation, outboxIds } = await this.db.transaction(async (tx) => {
      const [{ member }] = await sqlRows<{ member: boolean }>(
        tx,
        `SELECT EXISTS (SELECT 1 FROM membership m JOIN staff_user u ON u.id = m.user_id WHERE m.organization_id = $1 AND u.email = $2) AS member`,
        [auth.organisationId, email],
      );
      if (member) throw new ConflictError('already_member', 'This person is already a member');
      // A new invitation replaces any pending one for the same address: only the latest link works.
      await tx
        .getRepository(Invitation)
        .update(
          { organisationId: auth.organisationId, email, acceptedAt: IsNull(), revokedAt: IsNull() },
          { revokedAt: new Date() },
        );
      const invitation = await tx.getRepository(Invitation).save({
        organisationId: auth.organisationId,
        email,
        role: input.role,
        tokenHash: hashSecret(secret),
        invitedByUserId: auth.actor.kind === 'user' ? auth.actor.userId : null,
        expiresAt: new Date(Date.now() + INVITATION_VALID_DAYS * 86_400_000),
        acceptedAt: null,
        acceptedUserId: null,
        revokedAt: null,
      });
      const organisation = await tx.getRepository(Organisation).findOneByOrFail({ id: auth.organisationId });
      const outboxIds = await this.mail.stage(
        auth,
        [
          {
            to: email,
            template: INVITATION_MAIL,
            data: {
              organisationName: organisation.name,
              inviterName: await this.actorName(auth),
              role: input.role,
              acceptUrl: accountLinks.invitation(this.config.http.publicUrl, organisation.defaultLanguage, secret),
              expiresAt: invitation.expiresAt.getTime(),
            },
            idempotencyKey: `invitation:${invitation.id}`,
            language: organisation.defaultLanguage,
            from: organisation.sendingAddress ?? undefined,
          },
        ],
        tx,
      );
      await this.audit.record(
        auth,
        {
          action: 'invitation.create',
          objectType: 'invitation',
          objectId: invitation.id,
          details: { email, role: input.role },
        },
        tx,
      );
      return { invitation, outboxIds };
    });
    await this.mail.dispatch(outboxIds);
    return invitation;
  }

  /** Newest first; `state` as invitationState() decides it (pending: neither accepted nor revoked, not expired). */
  async list(
    scope: OrgScope,
    query: { state?: InvitationState; limit: number; offset: number },
  ): Promise<{ items: Invitation[]; total: number }> {
    const now = new Date();
    const byState = {
      pending: { acceptedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(now) },
      accepted: { acceptedAt: Not(IsNull()) },
      revoked: { acceptedAt: IsNull(), revokedAt: Not(IsNull()) },
      expired: { acceptedAt: IsNull(), revokedAt: IsNull(), expiresAt: LessThanOrEqual(now) },
    };
    const [items, total] = await this.db.getRepository(Invitation).findAndCount({
      where: { organisationId: scope.organisationId, ...(query.state ? byState[query.state] : {}) },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items, total };
  }

  async revoke(auth: AuthContext, invitationId: string): Promise<Invitation> {
    return this.db.transaction(async (tx) => {
      const repo = tx.getRepository(Invitation);
      const invitation = await repo.findOne({
        where: { id: invitationId, organisationId: auth.organisationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!invitation) throw new NotFoundError('Invitation');
      if (invitation.acceptedAt || invitation.revokedAt)
        throw new ConflictError('invitation_not_pending', 'Only a pending invitation can be revoked');
      await repo.update({ id: invitation.id, organisationId: auth.organisationId }, { revokedAt: new Date() });
      await this.audit.record(
        auth,
        { action: 'invitation.revoke', objectType: 'invitation', objectId: invitation.id },
        tx,
      );
      return repo.findOneByOrFail({ id: invitation.id });
    });
  }

  private async actorName(auth: AuthContext): Promise<string> {
    if (auth.actor.kind === 'user')
      return (await this.db.getRepository(StaffUser).findOneByOrFail({ id: auth.actor.userId })).name;
    const token = await this.db
      .getRepository(ApiToken)
      .findOneBy({ id: auth.actor.tokenId, organisationId: auth.organisationId });
    return token ? `An admin (via ${token.name})` : 'An admin';
  }
}
