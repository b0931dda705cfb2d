import { Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { sqlRows } from '#rally/core';

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
 * the transaction that stamps the letters (LetterSentMarks) and get the whole group at once, so they cost statements
 * per stamp, never per letter. Letters never imports them: they register here.
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

/** Letters stamped per statement: a second of sending at several times the benchmark's pace. */
export const STAMP_BATCH = 5_000;

/**
 * Stamps `sent_at` on letters whose current outbox row the relay took (its `letter:<id>` or, after soft bounces,
 * `letter:<id>:<n>` row is `sent`), one statement for all of them, and tells LetterSentHooks in that transaction.
 * Only letters not stamped before come back, so a letter sent again after a soft bounce starts nothing twice. The
 * time is the stamp's, within LETTER_SENT_STAMP_MS of the relay taking the letter: what the scoreboard needs is the
 * day. The partial index `letters_unstamped_idx` holds only letters handed and not yet stamped, so a tick reads
 * what is in flight, never the history. A letter whose hard bounce came back before its stamp (within that second)
 * is no longer `handed` and is never stamped: it did not reach the ministry.
 */
@Injectable()
export class LetterSentMarks {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly hooks: LetterSentHooks,
  ) {}

  /** The letters sent since the last stamp; answers how many it stamped (STAMP_BATCH at most). */
  stampSent(at: Date): Promise<number> {
    return this.db.transaction((manager) =>
      this.stamp(
        manager,
        `SELECT l.id FROM letters l JOIN mail_outbox o ON o.id = l.outbox_id
          WHERE l.sent_at IS NULL AND l.status = 'handed' AND o.status = 'sent'
          LIMIT $2 FOR UPDATE OF l SKIP LOCKED`,
        [at, STAMP_BATCH],
      ),
    );
  }

  /** These letters, sent at `at`, in the caller's transaction (what a stamp does, for tests and imports). */
  async markSent(letterIds: string[], at: Date, manager: EntityManager): Promise<void> {
    if (letterIds.length === 0) return;
    await this.stamp(manager, `SELECT id FROM letters WHERE id = ANY($2::uuid[]) AND sent_at IS NULL`, [at, letterIds]);
  }

  private async stamp(manager: EntityManager, which: string, params: [Date, unknown]): Promise<number> {
    const rows = await sqlRows<{
      id: string;
      organization_id: string;
      action_id: string;
      target_id: string;
      test_mode: boolean;
    }>(
      manager,
      `WITH due AS (${which})
       UPDATE letters l SET sent_at = $1 FROM due WHERE l.id = due.id AND l.sent_at IS NULL
       RETURNING l.id, l.organization_id, l.action_id, l.target_id, l.test_mode`,
      params,
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
      params[0],
      manager,
    );
    return rows.length;
  }
}

/** One instance per process, shared by letters and the features that register (like InboundHooksModule). */
@Module({ providers: [LetterSentHooks, LetterSentMarks], exports: [LetterSentHooks, LetterSentMarks] })
export class LetterHooksModule {}
