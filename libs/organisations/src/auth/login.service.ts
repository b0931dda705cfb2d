import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RallyConfig, Language } from '#rally/core';
import { DEFAULT_LANGUAGE, InjectConfig, normaliseEmail } from '#rally/core';
import { MailService } from '#rally/mail';
import { StaffUser, SessionService } from '#rally/access';
import type { IssuedSession } from '#rally/access';
import { accountLinks } from '../account-links/account-links.js';
import type { OrganisationsConfig } from '../organisations.config.js';
import { ORGANISATIONS_CONFIG } from '../organisations.config.js';
import { InvalidCredentialsError, LoginLockedError } from '../organisations.exception.js';
import { LOCKOUT_NOTICE_MAIL } from '../organisations.mail.js';
import { burnPasswordCheck, verifyPassword } from './password.js';
import { RateLimiter } from './rate-limiter.js';

// One address may sign in many people (an office behind NAT), so it gets more tries than one account.
const IP_FACTOR = 10;

/**
 * Email + password sign-in. Every attempt counts against the account and the address *before* the password is
 * checked, so parallel guesses cannot slip past the limit; a success clears the account's counter.
 */
@Injectable()
export class LoginService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: RallyConfig,
    @InjectConfig(ORGANISATIONS_CONFIG) private readonly limits: OrganisationsConfig,
    private readonly limiter: RateLimiter,
    private readonly sessions: SessionService,
    private readonly mail: MailService,
  ) {}

  async login(
    emailInput: string,
    password: string,
    ip: string,
    language: Language = DEFAULT_LANGUAGE,
  ): Promise<{ user: StaffUser; session: IssuedSession }> {
    const { loginMaxFailures: max, loginLockoutMinutes } = this.limits;
    const window = loginLockoutMinutes * 60;
    const email = normaliseEmail(emailInput);

    const byIp = await this.limiter.hit(`login:ip:${ip}`, window);
    if (byIp.hits > max * IP_FACTOR)
      throw new LoginLockedError(
        byIp.retryAfterSeconds,
        'login_rate_limited',
        'Too many sign-in attempts from your network; try again later.',
      );
    const accountKey = `login:account:${email}`;
    const byAccount = await this.limiter.hit(accountKey, window);
    if (byAccount.hits > max) throw new LoginLockedError(byAccount.retryAfterSeconds);

    // Unknown emails take the same path and time as wrong passwords: no account enumeration by answer or timing.
    const user = await this.db.getRepository(StaffUser).findOneBy({ email });
    const valid = user ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);
    if (!user || !valid) {
      if (user && byAccount.hits === max) await this.sendLockoutNotice(user, ip, byAccount.retryAfterSeconds, language);
      throw new InvalidCredentialsError();
    }
    await this.limiter.reset(accountKey);
    return { user, session: await this.sessions.issue(user.id, ip) };
  }

  private async sendLockoutNotice(
    user: StaffUser,
    ip: string,
    retryAfterSeconds: number,
    language: Language,
  ): Promise<void> {
    const lockedUntil = Math.floor(Date.now() / 1000) + retryAfterSeconds;
    await this.mail.send(null, {
      to: user.email,
      template: LOCKOUT_NOTICE_MAIL,
      data: {
        email: user.email,
        failures: this.limits.loginMaxFailures,
        ip,
        lockMinutes: Math.ceil(retryAfterSeconds / 60),
        resetUrl: accountLinks.forgotPassword(this.config.http.publicUrl, language),
      },
      // One notice per lockout window, however many processes see the last failure.
      idempotencyKey: `lockout-notice:${user.id}:${Math.floor(lockedUntil / 60)}`,
      language,
    });
  }
}
