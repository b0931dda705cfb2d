import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, sqlRow, sqlRows } from '#rally/core';
import { WaveRollup } from '../rollup/wave-rollup.js';
import type { ReplyCheckAnswer } from './entities/reply-check.entity.js';
import { ReplyCheckLinks } from './reply-check-links.js';

export interface ReplyCheckView {
  id: string;
  organisationId: string;
  organisation: string;
  actionTitle: string;
  language: string;
  answer: ReplyCheckAnswer | null;
}

/**
 * The supporter's side of "did they reply?": the one-click answer (last answer wins: a "not yet" becomes a "yes"
 * when the answer comes; the same answer again changes nothing) and the opt-out. An answer recomputes the waves of
 * the letters it is about, in its transaction; it is counted apart from captured replies.
 */
@Injectable()
export class ReplyCheckService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly links: ReplyCheckLinks,
    private readonly rollup: WaveRollup,
    private readonly clock: Clock,
  ) {}

  /** The question a link names, or null when the link's secret does not match (the same for a missing one). */
  async find(checkId: string, token: string): Promise<ReplyCheckView | null> {
    if (!/^[0-9a-f-]{36}$/.test(checkId) || !this.links.verify(checkId, token)) return null;
    const row = await sqlRow<{
      id: string;
      organization_id: string;
      organisation: string;
      action_title: string;
      language: string;
      answer: ReplyCheckAnswer | null;
    }>(
      this.db,
      `SELECT c.id, c.organization_id, o.name AS organisation, a.title AS action_title, c.language, c.answer
         FROM reply_checks c JOIN letter_actions a ON a.id = c.action_id JOIN organization o ON o.id = c.organization_id
        WHERE c.id = $1`,
      [checkId],
    );
    return row
      ? {
          id: row.id,
          organisationId: row.organization_id,
          organisation: row.organisation,
          actionTitle: row.action_title,
          language: row.language,
          answer: row.answer,
        }
      : null;
  }

  async answer(check: ReplyCheckView, answer: ReplyCheckAnswer): Promise<void> {
    await this.db.transaction(async (manager) => {
      const changed = await sqlRow(
        manager,
        `UPDATE reply_checks SET answer = $2, answered_at = $3 WHERE id = $1 AND answer IS DISTINCT FROM $2 RETURNING id`,
        [check.id, answer, this.clock.now()],
      );
      if (!changed) return;
      const waves = await sqlRows<{ action_id: string; target_id: string }>(
        manager,
        `SELECT DISTINCT action_id, target_id FROM reply_check_letters WHERE check_id = $1`,
        [check.id],
      );
      await this.rollup.recompute(
        waves.map((w) => ({ actionId: w.action_id, targetId: w.target_id })),
        manager,
      );
    });
  }

  /** No more questions to this address from the organisation, for any action; what was answered stays counted. */
  async optOut(check: ReplyCheckView): Promise<void> {
    await this.db.query(
      `INSERT INTO reply_check_opt_outs (organization_id, email_normalized, created_at)
       SELECT organization_id, supporter_email_normalized, $2 FROM reply_checks WHERE id = $1
       ON CONFLICT DO NOTHING`,
      [check.id, this.clock.now()],
    );
  }
}
