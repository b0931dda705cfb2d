import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { AuthContext, OrgScope } from '#rally/access';
import { AuditLog, OrganisationDirectory, Role } from '#rally/access';
import { Clock, sqlRow } from '#rally/core';
import type {
  FollowUpPreferenceDto,
  FollowUpPreferenceResponse,
  FollowUpSettingsDto,
  FollowUpSettingsResponse,
} from '../dto/follow-up-settings.dto.js';
import { DEFAULT_DAYS_BEFORE, FollowUpSettings } from '../entities/follow-up-settings.entity.js';
import { FollowUpPreference } from '../entities/follow-up-preference.entity.js';
import { FollowUpDigestRoleError, FollowUpNeedsMemberError } from '../followups.exception.js';
import { OVERDUE_EVERY_DAYS, OVERDUE_REMINDERS } from '../reminders/reminder-steps.js';

const DIGEST_ROLES: readonly Role[] = [Role.Admin, Role.Coordinator];

/** The organisation's reminder rules (admins) and each member's own language and digest choice. */
@Injectable()
export class FollowUpSettingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly directory: OrganisationDirectory,
    private readonly clock: Clock,
  ) {}

  async daysBefore(scope: OrgScope, manager: EntityManager = this.db.manager): Promise<number[]> {
    const row = await manager.findOneBy(FollowUpSettings, { organisationId: scope.organisationId });
    return row?.daysBefore ?? DEFAULT_DAYS_BEFORE;
  }

  async settings(scope: OrgScope): Promise<FollowUpSettingsResponse> {
    const row = await this.db.manager.findOneBy(FollowUpSettings, { organisationId: scope.organisationId });
    return settingsOf(row?.daysBefore ?? DEFAULT_DAYS_BEFORE, row?.digest ?? true);
  }

  /**
   * New days apply to open follow-ups at once: each is looked at again from its first step, and the scan sends the
   * latest step reached only if no step of that day or later went already (no repeat of what the owner was told).
   */
  async setSettings(auth: AuthContext, input: FollowUpSettingsDto): Promise<FollowUpSettingsResponse> {
    const daysBefore = [...input.daysBefore].sort((a, b) => b - a);
    await this.db.transaction(async (manager) => {
      await manager.upsert(
        FollowUpSettings,
        { organisationId: auth.organisationId, daysBefore, digest: input.digest, updatedAt: this.clock.now() },
        ['organisationId'],
      );
      await manager.query(
        `UPDATE follow_ups SET next_reminder_on = due_on - $2::int
          WHERE organization_id = $1 AND status = 'open' AND next_reminder_on IS NOT NULL`,
        [auth.organisationId, daysBefore.length > 0 ? Math.max(...daysBefore) : -1],
      );
      await this.audit.record(
        auth,
        {
          action: 'follow-up-settings.update',
          objectType: 'organisation',
          objectId: auth.organisationId,
          details: { daysBefore, digest: input.digest },
        },
        manager,
      );
    });
    return settingsOf(daysBefore, input.digest);
  }

  async preference(auth: AuthContext): Promise<FollowUpPreferenceResponse> {
    const userId = memberOf(auth);
    const row = await this.db.manager.findOneBy(FollowUpPreference, { organisationId: auth.organisationId, userId });
    return this.preferenceOf(auth, row?.language ?? null, row?.digest ?? false);
  }

  async setPreference(auth: AuthContext, input: FollowUpPreferenceDto): Promise<FollowUpPreferenceResponse> {
    const userId = memberOf(auth);
    if (input.digest && !DIGEST_ROLES.includes(auth.role)) throw new FollowUpDigestRoleError();
    await this.db.transaction(async (manager) => {
      await manager.upsert(
        FollowUpPreference,
        {
          organisationId: auth.organisationId,
          userId,
          language: input.language,
          digest: input.digest,
          updatedAt: this.clock.now(),
        },
        ['organisationId', 'userId'],
      );
      await this.audit.record(
        auth,
        {
          action: 'follow-up-preference.update',
          objectType: 'member',
          objectId: userId,
          details: { language: input.language, digest: input.digest },
        },
        manager,
      );
    });
    return this.preferenceOf(auth, input.language, input.digest);
  }

  /** The language a member's reminders are written in: their own choice, else the organisation's. */
  async languageOf(scope: OrgScope, userId: string, manager: EntityManager = this.db.manager): Promise<string> {
    const row = await sqlRow<{ language: string }>(
      manager,
      `SELECT coalesce(p.language, o.default_language) AS language FROM organization o
         LEFT JOIN follow_up_preferences p ON p.organization_id = o.id AND p.user_id = $2
        WHERE o.id = $1`,
      [scope.organisationId, userId],
    );
    return row?.language ?? 'en';
  }

  private async preferenceOf(
    auth: AuthContext,
    language: string | null,
    digest: boolean,
  ): Promise<FollowUpPreferenceResponse> {
    const organisation = await this.directory.summary(auth);
    return {
      language: language as FollowUpPreferenceResponse['language'],
      effectiveLanguage: language ?? organisation.defaultLanguage,
      digest,
      digestAvailable: DIGEST_ROLES.includes(auth.role),
    };
  }
}

export const DIGEST_MEMBER_ROLES = DIGEST_ROLES;

function memberOf(auth: AuthContext): string {
  if (auth.actor.kind !== 'user') throw new FollowUpNeedsMemberError('member');
  return auth.actor.userId;
}

const settingsOf = (daysBefore: number[], digest: boolean): FollowUpSettingsResponse => ({
  daysBefore,
  digest,
  overdueDays: Array.from({ length: OVERDUE_REMINDERS }, (_, i) => 1 + i * OVERDUE_EVERY_DAYS),
});
