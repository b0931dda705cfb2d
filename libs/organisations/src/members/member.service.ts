import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { AuthContext, OrgScope } from '#rally/access';
import { NotFoundError, sqlOne, sqlRows } from '#rally/core';
import { Role, AuditLog, Membership } from '#rally/access';
import type { MemberResponse } from '../dto/member.dto.js';
import { LastAdminError } from '../organisations.exception.js';

/** Members of one organisation and their roles. */
@Injectable()
export class MemberService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
  ) {}

  /** Members by name; `memberId` narrows it to one (how a change answers the changed member). */
  async list(
    scope: OrgScope,
    window: { limit: number; offset: number },
    manager: EntityManager = this.db.manager,
    memberId?: string,
  ): Promise<{ items: MemberResponse[]; total: number }> {
    const rows = await sqlRows<MemberResponse & { total: number }>(
      manager,
      `SELECT m.id, m.user_id AS "userId", u.email, u.name, m.role, m.created_at AS "joinedAt", count(*) OVER ()::int AS total
       FROM membership m JOIN staff_user u ON u.id = m.user_id
       WHERE m.organization_id = $1 AND ($4::uuid IS NULL OR m.id = $4)
       ORDER BY u.name, u.email, m.id LIMIT $2 OFFSET $3`,
      [scope.organisationId, window.limit, window.offset, memberId ?? null],
    );
    return {
      items: rows.map(({ total: _total, ...member }) => member),
      total: rows[0]?.total ?? (await this.count(scope, manager)),
    };
  }

  private async count(scope: OrgScope, manager: EntityManager): Promise<number> {
    return (
      await sqlOne<{ n: number }>(manager, `SELECT count(*)::int AS n FROM membership WHERE organization_id = $1`, [
        scope.organisationId,
      ])
    ).n;
  }

  async changeRole(auth: AuthContext, memberId: string, role: Role): Promise<MemberResponse> {
    return this.db.transaction(async (tx) => {
      const member = await this.lockedMember(tx, auth, memberId);
      if (member.role === Role.Admin && role !== Role.Admin) await this.assertAnotherAdmin(tx, auth, member.id);
      await tx.getRepository(Membership).update({ id: member.id, organisationId: auth.organisationId }, { role });
      await this.audit.record(
        auth,
        {
          action: 'member.role-change',
          objectType: 'member',
          objectId: member.id,
          details: { from: member.role, to: role },
        },
        tx,
      );
      const updated = (await this.list(auth, { limit: 1, offset: 0 }, tx, member.id)).items[0];
      if (!updated) throw new NotFoundError('Member');
      return updated;
    });
  }

  async remove(auth: AuthContext, memberId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const member = await this.lockedMember(tx, auth, memberId);
      if (member.role === Role.Admin) await this.assertAnotherAdmin(tx, auth, member.id);
      await tx.getRepository(Membership).delete({ id: member.id, organisationId: auth.organisationId });
      await this.audit.record(
        auth,
        { action: 'member.remove', objectType: 'member', objectId: member.id, details: { userId: member.userId } },
        tx,
      );
    });
  }

  /** Locks the organisation's admin rows too, so two admins demoting each other at once cannot leave none. */
  private async lockedMember(tx: EntityManager, scope: OrgScope, memberId: string): Promise<Membership> {
    await tx.query(`SELECT id FROM membership WHERE organization_id = $1 AND role = 'admin' FOR UPDATE`, [
      scope.organisationId,
    ]);
    const member = await tx
      .getRepository(Membership)
      .findOne({ where: { id: memberId, organisationId: scope.organisationId }, lock: { mode: 'pessimistic_write' } });
    if (!member) throw new NotFoundError('Member');
    return member;
  }

  private async assertAnotherAdmin(tx: EntityManager, scope: OrgScope, exceptMemberId: string): Promise<void> {
    const [{ n }] = await sqlRows<{ n: number }>(
      tx,
      `SELECT count(*)::int AS n FROM membership WHERE organization_id = $1 AND role = 'admin' AND id <> $2`,
      [scope.organisationId, exceptMemberId],
    );
    if (n === 0) throw new LastAdminError();
  }
}
