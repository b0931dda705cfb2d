import type { OnModuleInit } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { sqlRow } from '#rally/core';
import type { CapturedReply } from '#rally/inbound';
import { InboundReplyHooks } from '#rally/inbound';
import { TargetResponse } from '../entities/target-response.entity.js';
import { ResponseChangeHooks } from '../response-change-hooks.js';

/**
 * A human reply threaded to a letter becomes a draft response for coordinators to classify: channel letter reply,
 * no stance, an empty summary, the letter's target and campaign, dated the day it arrived in the organisation's time
 * zone. Inbound runs this in the transaction that threads the message (processing or triage), and inbound never
 * calls it for automatic answers. One draft per message (the unique source_message_id), however often it runs.
 * Test letters (sent to the campaigner, not the target) draft nothing.
 */
@Injectable()
export class ReplyDrafts implements OnModuleInit {
  constructor(
    private readonly replyHooks: InboundReplyHooks,
    private readonly changes: ResponseChangeHooks,
  ) {}

  onModuleInit(): void {
    this.replyHooks.register('responses', (reply, manager) => this.draft(reply, manager).then(() => undefined));
  }

  /** The new draft's id, or null when the message has one already (or its letter is a test letter). */
  async draft(reply: CapturedReply, manager: EntityManager): Promise<string | null> {
    const row = await sqlRow<{ id: string }>(
      manager,
      `WITH draft AS (
         INSERT INTO responses (organization_id, target_id, campaign_id, occurred_on, channel, stance, summary, status,
                                origin, evidence, source_message_id)
         SELECT $1, l.target_id, a.campaign_id, (m.received_at AT TIME ZONE o.time_zone)::date, 'letter-reply', NULL,
                '', 'draft', 'captured-reply', '[]'::jsonb, m.id
           FROM inbound_messages m
           JOIN letters l ON l.id = $3 AND l.organization_id = $1 AND NOT l.test_mode
           JOIN letter_actions a ON a.id = l.action_id
           JOIN organization o ON o.id = $1
          WHERE m.id = $2 AND m.organization_id = $1
         ON CONFLICT (source_message_id) WHERE source_message_id IS NOT NULL DO NOTHING
         RETURNING id),
       letter_link AS (
         INSERT INTO response_letters (response_id, letter_id, organization_id) SELECT id, $3, $1 FROM draft)
       INSERT INTO response_messages (response_id, message_id, organization_id)
       SELECT id, $2, $1 FROM draft RETURNING response_id AS id`,
      [reply.organisationId, reply.messageId, reply.letterId],
    );
    if (!row) return null;
    const after = await manager.findOneByOrFail(TargetResponse, { id: row.id });
    await this.changes.run({ organisationId: reply.organisationId, responseId: row.id, before: null, after }, manager);
    return row.id;
  }
}
