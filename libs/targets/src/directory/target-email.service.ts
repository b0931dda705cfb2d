import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { AuthContext } from '#rally/access';
import { AuditLog } from '#rally/access';
import { Clock, NotFoundError, sqlRow } from '#rally/core';
import type { TargetEmailCreateDto, TargetEmailUpdateDto } from '../dto/target-email.dto.js';
import { TargetEmail } from '../entities/target-email.entity.js';
import { TargetEmailLastError, TargetEmailTakenError } from '../targets.exception.js';
import { normaliseTargetAddress } from './target-address.js';
import { byPosition, violatedUniqueIndex } from './target-input.js';

const STAFF_REASON = { active: 'enabled by staff', disabled: 'disabled by staff' } as const;

/**
 * A target's addresses. Every change locks the target row first, so two requests cannot both remove "the other"
 * address, and positions stay 0..n-1 in the order letters try them.
 */
@Injectable()
export class TargetEmailService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async add(auth: AuthContext, targetId: string, input: TargetEmailCreateDto): Promise<TargetEmail> {
    return this.db.transaction(async (manager) => {
      const emails = await this.lockedEmails(auth, targetId, manager);
      const address = input.address.trim();
      const addressNormalized = normaliseTargetAddress(address);
      if (emails.some((e) => e.addressNormalized === addressNormalized)) throw new TargetEmailTakenError('address');
      const email = await manager
        .save(
          manager.create(TargetEmail, {
            organisationId: auth.organisationId,
            targetId,
            address,
            addressNormalized,
            state: 'active',
            position: emails.length,
          }),
        )
        .catch((error: unknown) => {
          if (violatedUniqueIndex(error) === 'target_emails_target_address_uq')
            throw new TargetEmailTakenError('address');
          throw error;
        });
      await this.reorder([...emails, email], email, input.position, manager);
      await this.audit.record(
        auth,
        { action: 'target.email.add', objectType: 'target', objectId: targetId, details: { emailId: email.id } },
        manager,
      );
      return email;
    });
  }

  async update(
    auth: AuthContext,
    targetId: string,
    emailId: string,
    input: TargetEmailUpdateDto,
  ): Promise<TargetEmail> {
    return this.db.transaction(async (manager) => {
      const emails = await this.lockedEmails(auth, targetId, manager);
      const email = emails.find((e) => e.id === emailId);
      if (!email) throw new NotFoundError('Target email');
      const from = email.state;
      if (input.state !== undefined && input.state !== email.state) {
        email.state = input.state;
        email.stateChangedAt = this.clock.now();
        email.stateReason = input.reason?.trim() || STAFF_REASON[input.state];
        // Reactivated by staff: the soft bounces before now no longer count, or the next one would suspend it again.
        if (input.state === 'active') {
          email.suspendedUntil = null;
          email.bouncesResetAt = email.stateChangedAt;
        }
      } else if (input.reason !== undefined) {
        email.stateReason = input.reason?.trim() || null;
      }
      await manager.save(email);
      await this.reorder(emails, email, input.position, manager);
      await this.audit.record(
        auth,
        {
          action: 'target.email.update',
          objectType: 'target',
          objectId: targetId,
          details: { emailId, from, to: email.state, position: email.position },
        },
        manager,
      );
      return email;
    });
  }

  async remove(auth: AuthContext, targetId: string, emailId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const emails = await this.lockedEmails(auth, targetId, manager);
      const email = emails.find((e) => e.id === emailId);
      if (!email) throw new NotFoundError('Target email');
      if (emails.length === 1) throw new TargetEmailLastError();
      await manager.delete(TargetEmail, { id: emailId, targetId });
      await this.reorder(
        emails.filter((e) => e.id !== emailId),
        null,
        undefined,
        manager,
      );
      await this.audit.record(
        auth,
        { action: 'target.email.remove', objectType: 'target', objectId: targetId, details: { emailId } },
        manager,
      );
    });
  }

  /** The target's addresses in order, with the target row locked (and its updated_at touched) until commit. */
  private async lockedEmails(auth: AuthContext, targetId: string, manager: EntityManager): Promise<TargetEmail[]> {
    const target = await sqlRow<{ id: string }>(
      manager,
      `UPDATE targets SET updated_at = now() WHERE id = $1 AND organization_id = $2 RETURNING id`,
      [targetId, auth.organisationId],
    );
    if (!target) throw new NotFoundError('Target');
    const emails = await manager.find(TargetEmail, { where: { targetId, organisationId: auth.organisationId } });
    return emails.sort(byPosition);
  }

  /** Moves `moved` to `position` (clamped to the end) and renumbers every address 0..n-1. */
  private async reorder(
    emails: TargetEmail[],
    moved: TargetEmail | null,
    position: number | undefined,
    manager: EntityManager,
  ): Promise<void> {
    let order = emails;
    if (moved && position !== undefined) {
      order = emails.filter((e) => e.id !== moved.id);
      order.splice(Math.min(position, order.length), 0, moved);
    }
    for (const [index, email] of order.entries()) {
      if (email.position === index) continue;
      email.position = index;
      await manager.update(TargetEmail, { id: email.id }, { position: index });
    }
  }
}
