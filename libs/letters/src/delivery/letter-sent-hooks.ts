import type { OnModuleInit } from '@nestjs/common';
import { Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { sqlRows } from '#rally/core';
import type { MailSent } from '#rally/mail';
import { MailSentHooks } from '#rally/mail';

/** A letter the relay took for the first time (a test letter never: it went to the campaigner). */
export interface SentLetter {
  letterId: string;
  organisationId: string;
  actionId: string;
  targetId: string;
}

export type SentLettersHandler = (letters: SentLetter[], at: Date, manager: EntityManager) => Promise<void>;

/**
 * What features above letters do when letters are first sent (the scoreboard starts a wave's clock). Handlers run in
 * the transaction that marks the outbox rows sent and get the whole group at once, so they cost statements per
 * group, never per letter. Letters never imports them: they register here.
 */
@Injectable()
export class LetterSentHooks {
  private readonly handlers = new Map<string, SentLettersHandler>();

  register(feature: string, handler: SentLettersHandler): void {
    if (this.handlers.has(feature)) throw new Error(`A sent-letters handler for ${feature} is registered already`);
    this.handlers.set(feature, handler);
  }

  async run(letters: SentLetter[], at: Date, manager: EntityManager): Promise<void> {
    if (letters.length === 0) return;
    for (const handler of this.handlers.values()) await handler(letters, at, manager);
  }
}

// letter:<id> for the first sending, letter:<id>:<n> after soft bounces (LetterDispatcher).
const LETTER_KEY = /^letter:([0-9a-f-]{36})(?::\d+)?$/;

/**
 * Stamps `sent_at` on letters the relay took, in the mail library's mark transaction: one UPDATE for the group, and
 * only letters not stamped before come back, so a letter sent again after a soft bounce starts nothing twice.
 */
@Injectable()
export class LetterSentMarks implements OnModuleInit {
  constructor(
    private readonly mailHooks: MailSentHooks,
    private readonly hooks: LetterSentHooks,
  ) {}

  onModuleInit(): void {
    this.mailHooks.register('letter:', (sent, at, manager) => this.fromOutbox(sent, at, manager));
  }

  private fromOutbox(sent: MailSent[], at: Date, manager: EntityManager): Promise<void> {
    const ids = sent.flatMap((s) => LETTER_KEY.exec(s.idempotencyKey)?.[1] ?? []);
    return this.markSent(ids, at, manager);
  }

  async markSent(letterIds: string[], at: Date, manager: EntityManager): Promise<void> {
    if (letterIds.length === 0) return;
    const rows = await sqlRows<{
      id: string;
      organization_id: string;
      action_id: string;
      target_id: string;
      test_mode: boolean;
    }>(
      manager,
      `UPDATE letters SET sent_at = $2 WHERE id = ANY($1::uuid[]) AND sent_at IS NULL
       RETURNING id, organization_id, action_id, target_id, test_mode`,
      [letterIds, at],
    );
    await this.hooks.run(
      rows
        .filter((r) => !r.test_mode)
        .map((r) => ({
          letterId: r.id,
          organisationId: r.organization_id,
          actionId: r.action_id,
          targetId: r.target_id,
        })),
      at,
      manager,
    );
  }
}

/** One instance per process, shared by letters and the features that register (like InboundHooksModule). */
@Module({ providers: [LetterSentHooks, LetterSentMarks], exports: [LetterSentHooks, LetterSentMarks] })
export class LetterHooksModule {}
