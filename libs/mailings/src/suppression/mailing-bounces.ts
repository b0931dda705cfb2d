import type { OnModuleInit } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { MailFailure } from '#rally/mail';
import { MailFailureHooks } from '#rally/mail';
import { runOfOutboxKey } from '../runs/mailing-dispatcher.js';
import { SuppressionList } from './suppression-list.js';

/**
 * A supporter address the relay refuses for good (5xx: no such mailbox) is a hard bounce: the recipient is marked
 * bounced and the address goes on the suppression list, in the transaction that fails the outbox row. Temporary
 * refusals that ran out of attempts are failures, not bounces, and suppress nothing.
 */
@Injectable()
export class MailingBounces implements OnModuleInit {
  constructor(
    private readonly hooks: MailFailureHooks,
    private readonly suppression: SuppressionList,
  ) {}

  onModuleInit(): void {
    this.hooks.register('mailing:', (failure, manager) => this.failed(failure, manager));
  }

  async failed(failure: MailFailure, manager: EntityManager): Promise<void> {
    const ref = runOfOutboxKey(failure.idempotencyKey);
    if (!ref || !failure.permanent || !failure.organisationId) return;
    await manager.query(`UPDATE mailing_recipients SET status = 'bounced' WHERE id = $1 AND run_id = $2`, [
      ref.recipientId,
      ref.runId,
    ]);
    await this.suppression.suppress(
      { organisationId: failure.organisationId },
      failure.recipient,
      'hard-bounce',
      ref.runId,
      manager,
    );
  }
}
