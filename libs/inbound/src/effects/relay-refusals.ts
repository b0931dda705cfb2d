import type { OnModuleInit } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { sqlRow } from '#rally/core';
import { letterOfOutboxKey } from '#rally/letters';
import type { MailFailure } from '#rally/mail';
import { MailFailureHooks } from '#rally/mail';
import type { BounceClass } from '../entities/inbound-message.entity.js';
import { bounceClassFromText, bounceClassOf, statusInText } from '../processing/delivery-report.js';
import { InboundEffects } from './inbound-effects.js';

/**
 * The class of a relay's refusal: by its enhanced status code when it gives one, else by the basic code (RFC 5321:
 * 550, 551 and 553 name the mailbox, 552 is a full one) and its words; refusals for now count as soft.
 */
export function refusalClass(failure: MailFailure, status: string | null): BounceClass {
  if (!failure.permanent) return 'soft';
  if (status) return bounceClassOf('failed', status, failure.response);
  if (failure.responseCode === 552) return 'soft';
  const fromText = bounceClassFromText(failure.response);
  if (fromText) return fromText;
  return failure.responseCode === 550 || failure.responseCode === 551 || failure.responseCode === 553
    ? 'hard'
    : 'unknown';
}

/**
 * A relay that refuses a letter at send time says what a bounce would say later: a 5xx (550 5.1.1 user unknown)
 * bounces the address, 5.7.x is a policy block, and a relay that kept answering 4xx until the sending attempts ran
 * out counts as a soft bounce. The same effects as an inbound report apply, in the transaction that fails the
 * outbox row, with no inbound message behind them.
 */
@Injectable()
export class RelayRefusals implements OnModuleInit {
  constructor(
    private readonly hooks: MailFailureHooks,
    private readonly effects: InboundEffects,
  ) {}

  onModuleInit(): void {
    this.hooks.register('letter:', (failure, manager) => this.refused(failure, manager));
  }

  async refused(failure: MailFailure, manager: EntityManager): Promise<void> {
    const letterId = letterOfOutboxKey(failure.idempotencyKey);
    if (!letterId || !failure.organisationId) return;
    const letter = await sqlRow<{
      id: string;
      target_id: string;
      action_id: string;
      target_email_id: string | null;
      address_normalized: string;
      status: string;
      test_mode: boolean;
    }>(
      manager,
      `SELECT id, target_id, action_id, target_email_id, address_normalized, status, test_mode FROM letters
        WHERE organization_id = $1 AND id = $2`,
      [failure.organisationId, letterId],
    );
    // A test letter went to a staff member's address, not the target's: nothing to learn about the target.
    if (!letter || letter.test_mode) return;
    const status = statusInText(failure.response)?.status ?? null;
    await this.effects.apply(
      {
        organisationId: failure.organisationId,
        messageId: null,
        kind: 'bounce',
        letter: {
          id: letter.id,
          targetId: letter.target_id,
          actionId: letter.action_id,
          targetEmailId: letter.target_email_id,
          addressNormalized: letter.address_normalized,
          status: letter.status,
        },
        recipients: [
          {
            recipient: letter.address_normalized,
            action: 'failed',
            status,
            diagnostic: `relay: ${failure.response}`,
            bounceClass: refusalClass(failure, status),
          },
        ],
        reason: 'refused by the relay',
        fromAddress: null,
        now: failure.at,
      },
      manager,
    );
  }
}
