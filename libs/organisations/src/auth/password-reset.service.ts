import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Language, RallyConfig } from '#rally/core';
import { DEFAULT_LANGUAGE, InjectConfig, normaliseEmail, RateLimitedError, sqlRows } from '#rally/core';
import { MailService } from '#rally/mail';
import { StaffUser, hashSecret, newSecret, SessionService } from '#rally/access';
import { accountLinks } from '../account-links/account-links.js';
import { PasswordReset } from '../entities/password-reset.entity.js';
import { LinkInvalidError, WeakPasswordError } from '../organisations.exception.js';
import { PASSWORD_RESET_MAIL } from '../organisations.mail.js';
import { hashPassword, passwordProblems } from './password.js';
import { RateLimiter } from './rate-limiter.js';

const VALID_MINUTES = 60;
const PER_ADDRESS_PER_HOUR = 20;
const PER_ACCOUNT_PER_HOUR = 3;

/** Forgotten passwords: an emailed link that works once, for an hour, and ends every session when used. */
@Injectable()
export class PasswordResetService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: RallyConfig,
    private readonly limiter: RateLimiter,
    private readonly sessions: SessionService,
    private readonly mail: MailService,
  ) {}

  /** Always answers the same way whether or not the email has an account; only the mail differs. */
  async request(emailInput: string, ip: string, language: Language = DEFAULT_LANGUAGE): Promise<void> {
    const byIp = await this.limiter.hit(`reset:ip:${ip}`, 3600);
    if (byIp.hits > PER_ADDRESS_PER_HOUR) throw new RateLimitedError(byIp.retryAfterSeconds);
    const email = normaliseEmail(emailInput);
    // Silently capped per account so nobody can flood a colleague's inbox through this form.
    if ((await this.limiter.hit(`reset:account:${email}`, 3600)).hits > PER_ACCOUNT_PER_HOUR) return;
    const user = await this.db.getRepository(StaffUser).findOneBy({ email });
    if (!user) return;
    const secret = newSecret('rr');
    const reset = await this.db.getRepository(PasswordReset).save({
      userId: user.id,
      tokenHash: hashSecret(secret),
      expiresAt: new Date(Date.now() + VALID_MINUTES * 60_000),
    });
    await this.mail.send(null, {
      to: user.email,
      template: PASSWORD_RESET_MAIL,
      data: {
        email: user.email,
        resetUrl: accountLinks.resetPassword(this.config.http.publicUrl, language, secret),
        validMinutes: VALID_MINUTES,
      },
      idempotencyKey: `password-reset:${reset.id}`,
      language,
    });
  }

  async confirm(secret: string, newPassword: string): Promise<void> {
    const problems = passwordProblems(newPassword);
    if (problems.length > 0) throw new WeakPasswordError('newPassword', problems);
    const passwordHash = await hashPassword(newPassword);
    const userId = await this.db.transaction(async (tx) => {
      // Claiming the row in one UPDATE makes the link single-use even under concurrent clicks.
      const rows = await sqlRows<{ user_id: string }>(
        tx,
        `UPDATE password_reset SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id`,
        [hashSecret(secret)],
      );
      const claimed = rows[0];
      if (!claimed) throw new LinkInvalidError('reset');
      await tx
        .getRepository(StaffUser)
        .update({ id: claimed.user_id }, { passwordHash, passwordChangedAt: new Date() });
      await tx.query(`UPDATE password_reset SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [
        claimed.user_id,
      ]);
      return claimed.user_id;
    });
    await this.sessions.endAllForUser(userId);
    await this.limiter.reset(
      `login:account:${(await this.db.getRepository(StaffUser).findOneByOrFail({ id: userId })).email}`,
    );
  }
}
