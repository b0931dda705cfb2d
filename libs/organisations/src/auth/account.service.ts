import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Role, ActiveSession, IssuedSession } from '#rally/access';
import { StaffUser, SessionService } from '#rally/access';
import { sqlRows } from '#rally/core';
import { InvalidCredentialsError, WeakPasswordError } from '../organisations.exception.js';
import { hashPassword, passwordProblems, verifyPassword } from './password.js';

export interface AccountView {
  user: StaffUser;
  organisations: { organisationId: string; slug: string; name: string; role: Role }[];
}

/** The signed-in person's own account: who they are, where they belong, their password. */
@Injectable()
export class AccountService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: SessionService,
  ) {}

  async view(userId: string): Promise<AccountView> {
    const user = await this.db.getRepository(StaffUser).findOneByOrFail({ id: userId });
    const organisations = await sqlRows<AccountView['organisations'][number]>(
      this.db,
      `SELECT o.id AS "organisationId", o.slug, o.name, m.role FROM membership m JOIN organization o ON o.id = m.organization_id WHERE m.user_id = $1 ORDER BY o.name`,
      [userId],
    );
    return { user, organisations };
  }

  /** Changes the password and ends every session of the user, this one included; the caller gets a fresh session. */
  async changePassword(
    session: ActiveSession,
    currentPassword: string,
    newPassword: string,
    ip: string,
  ): Promise<IssuedSession> {
    const users = this.db.getRepository(StaffUser);
    const user = await users.findOneByOrFail({ id: session.userId });
    if (!(await verifyPassword(user.passwordHash, currentPassword))) throw new InvalidCredentialsError();
    const problems = passwordProblems(newPassword, user.email);
    if (problems.length > 0) throw new WeakPasswordError('newPassword', problems);
    await users.update(
      { id: user.id },
      { passwordHash: await hashPassword(newPassword), passwordChangedAt: new Date() },
    );
    await this.sessions.endAllForUser(user.id);
    return this.sessions.issue(user.id, ip);
  }
}
