import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthContext, OrgScope } from '#rally/access';
import { AuditLog } from '#rally/access';
import { Clock, NotFoundError, sqlRow } from '#rally/core';
import type { ReplyAddressResponse } from '../dto/reply-address.dto.js';

/** Coordinators stop a letter's reply address taking mail (spam found it) and take it back; both audited. */
@Injectable()
export class ReplyAddressService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async get(scope: OrgScope, letterId: string): Promise<ReplyAddressResponse> {
    const row = await sqlRow<{ reply_to: string; revoked_at: Date | null; reason: string | null }>(
      this.db,
      `SELECT l.reply_to, r.revoked_at, r.reason FROM letters l
         LEFT JOIN reply_address_revocations r ON r.letter_id = l.id
        WHERE l.organization_id = $1 AND l.id = $2`,
      [scope.organisationId, letterId],
    );
    if (!row) throw new NotFoundError('Letter');
    return {
      letterId,
      address: row.reply_to,
      takesMail: row.revoked_at === null,
      revokedAt: row.revoked_at?.toISOString() ?? null,
      reason: row.reason ?? '',
    };
  }

  /** Revoking twice keeps the first time and reason. */
  async revoke(auth: AuthContext, letterId: string, reason: string): Promise<ReplyAddressResponse> {
    await this.db.transaction(async (manager) => {
      const inserted = await sqlRow<{ letter_id: string }>(
        manager,
        `INSERT INTO reply_address_revocations (letter_id, organization_id, reason, revoked_by_user_id, revoked_at)
         SELECT l.id, l.organization_id, $3, $4, $5 FROM letters l WHERE l.organization_id = $1 AND l.id = $2
         ON CONFLICT (letter_id) DO NOTHING
         RETURNING letter_id`,
        [
          auth.organisationId,
          letterId,
          reason,
          auth.actor.kind === 'user' ? auth.actor.userId : null,
          this.clock.now(),
        ],
      );
      if (inserted)
        await this.audit.record(
          auth,
          { action: 'letter.reply-address-revoke', objectType: 'letter', objectId: letterId, details: { reason } },
          manager,
        );
    });
    return this.get(auth, letterId);
  }

  async restore(auth: AuthContext, letterId: string): Promise<ReplyAddressResponse> {
    await this.db.transaction(async (manager) => {
      const removed = await sqlRow<{ letter_id: string }>(
        manager,
        `DELETE FROM reply_address_revocations WHERE organization_id = $1 AND letter_id = $2 RETURNING letter_id`,
        [auth.organisationId, letterId],
      );
      if (removed)
        await this.audit.record(
          auth,
          { action: 'letter.reply-address-restore', objectType: 'letter', objectId: letterId, details: {} },
          manager,
        );
    });
    return this.get(auth, letterId);
  }
}
