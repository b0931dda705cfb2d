import type { OnModuleInit } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { sqlRow, sqlRows } from '#rally/core';
import type { SentLetter } from '#rally/letters';
import { LetterSentHooks } from '#rally/letters';
import type { ResponseChange } from '#rally/responses';
import { ResponseChangeHooks } from '#rally/responses';
import { businessDaysBetween } from './business-days.js';

export interface WaveKey {
  actionId: string;
  targetId: string;
}

/** Acknowledged is an answer but not a substantive one; no-reply is a log entry that nothing came. */
const ANSWER_STANCES = ['acknowledged', 'committed', 'partially-committed', 'refused'];
const SUBSTANTIVE_STANCES = new Set(['committed', 'partially-committed', 'refused']);

const byKey = (a: WaveKey, b: WaveKey): number =>
  a.actionId === b.actionId ? a.targetId.localeCompare(b.targetId) : a.actionId.localeCompare(b.actionId);

/**
 * Keeps `scoreboard_waves` in step with its sources, in their transactions: letters sent (one upsert per group the
 * mail sender marks), responses recorded, edited or deleted, holidays, supporters' answers. Each wave is recomputed
 * from its sources by (action, target) through indexes (responses by target, holidays by country, answers by
 * wave), never from the letters, so the cost of an event does not grow with history. Waves are locked in key order
 * so two transactions touching the same waves cannot deadlock.
 */
@Injectable()
export class WaveRollup implements OnModuleInit {
  constructor(
    private readonly letters: LetterSentHooks,
    private readonly responses: ResponseChangeHooks,
  ) {}

  onModuleInit(): void {
    this.letters.register('scoreboard', (sent, at, manager) => this.lettersSent(sent, at, manager));
    this.responses.register('scoreboard', (change, manager) => this.responseChanged(change, manager));
  }

  /** One statement for the group; a wave's first letter also computes the row (responses may predate it). */
  async lettersSent(sent: SentLetter[], at: Date, manager: EntityManager): Promise<void> {
    const counts = new Map<string, WaveKey & { n: number }>();
    for (const l of sent) {
      const key = `${l.actionId}:${l.targetId}`;
      const wave = counts.get(key) ?? { actionId: l.actionId, targetId: l.targetId, n: 0 };
      wave.n += 1;
      counts.set(key, wave);
    }
    const waves = [...counts.values()].sort(byKey);
    const rows = await sqlRows<{ action_id: string; target_id: string; inserted: boolean }>(
      manager,
      `INSERT INTO scoreboard_waves (action_id, target_id, organization_id, campaign_id, started_at, letters)
       SELECT w.action_id, w.target_id, a.organization_id, a.campaign_id, $4, w.n
         FROM unnest($1::uuid[], $2::uuid[], $3::int[]) AS w(action_id, target_id, n)
         JOIN letter_actions a ON a.id = w.action_id
        ORDER BY w.action_id, w.target_id
       ON CONFLICT (action_id, target_id) DO UPDATE
         SET letters = scoreboard_waves.letters + EXCLUDED.letters,
             started_at = least(scoreboard_waves.started_at, EXCLUDED.started_at), updated_at = now()
       RETURNING action_id, target_id, (xmax = 0) AS inserted`,
      [waves.map((w) => w.actionId), waves.map((w) => w.targetId), waves.map((w) => w.n), at],
    );
    const started = rows.filter((r) => r.inserted).map((r) => ({ actionId: r.action_id, targetId: r.target_id }));
    await this.recompute(started, manager);
  }

  /** A draft changes nothing until it is recorded; a target moved away recomputes the old target's waves too. */
  async responseChanged(change: ResponseChange, manager: EntityManager): Promise<void> {
    const targets = new Set<string>();
    for (const side of [change.before, change.after])
      if (side && side.status === 'recorded') targets.add(side.targetId);
    if (targets.size === 0) return;
    await this.recompute(await this.wavesWhere(manager, 'w.target_id = ANY($1::uuid[])', [[...targets]]), manager);
  }

  /** After a holiday was added, moved or removed in a country. */
  async countryChanged(organisationId: string, country: string, manager: EntityManager): Promise<void> {
    await this.recompute(
      await this.wavesWhere(manager, 'w.organization_id = $1 AND t.country = $2', [organisationId, country]),
      manager,
    );
  }

  private async wavesWhere(manager: EntityManager, where: string, params: unknown[]): Promise<WaveKey[]> {
    const rows = await sqlRows<{ action_id: string; target_id: string }>(
      manager,
      `SELECT w.action_id, w.target_id FROM scoreboard_waves w JOIN targets t ON t.id = w.target_id
        WHERE ${where} ORDER BY w.action_id, w.target_id`,
      params,
    );
    return rows.map((r) => ({ actionId: r.action_id, targetId: r.target_id }));
  }

  async recompute(waves: WaveKey[], manager: EntityManager): Promise<void> {
    for (const wave of [...waves].sort(byKey)) await this.recomputeOne(wave, manager);
  }

  private async recomputeOne({ actionId, targetId }: WaveKey, manager: EntityManager): Promise<void> {
    const wave = await sqlRow<{ organization_id: string; campaign_id: string; start_day: string; country: string }>(
      manager,
      `SELECT w.organization_id, w.campaign_id, t.country,
              to_char((w.started_at AT TIME ZONE o.time_zone)::date, 'YYYY-MM-DD') AS start_day
         FROM scoreboard_waves w JOIN targets t ON t.id = w.target_id JOIN organization o ON o.id = w.organization_id
        WHERE w.action_id = $1 AND w.target_id = $2
        FOR UPDATE OF w`,
      [actionId, targetId],
    );
    if (!wave) return;
    // A response counts for the wave when it answers one of the wave's letters, or, linked to no letter, when it
    // is about the wave's campaign or no campaign at all; and only from the day the wave started.
    const answers = await sqlRows<{ occurred_on: string; stance: string }>(
      manager,
      `SELECT to_char(r.occurred_on, 'YYYY-MM-DD') AS occurred_on, r.stance
         FROM responses r
        WHERE r.target_id = $2 AND r.status = 'recorded' AND r.stance = ANY($5::text[]) AND r.occurred_on >= $4::date
          AND (EXISTS (SELECT 1 FROM response_letters rl JOIN letters l ON l.id = rl.letter_id
                        WHERE rl.response_id = r.id AND l.action_id = $1)
               OR (NOT EXISTS (SELECT 1 FROM response_letters rl WHERE rl.response_id = r.id)
                   AND (r.campaign_id IS NULL OR r.campaign_id = $3)))
        ORDER BY r.occurred_on`,
      [actionId, targetId, wave.campaign_id, wave.start_day, ANSWER_STANCES],
    );
    const firstAck = answers[0]?.occurred_on ?? null;
    const firstSubstantive = answers.find((a) => SUBSTANTIVE_STANCES.has(a.stance))?.occurred_on ?? null;
    const last = firstSubstantive ?? firstAck;
    const holidays = last
      ? new Set(
          (
            await sqlRows<{ day: string }>(
              manager,
              `SELECT to_char(day, 'YYYY-MM-DD') AS day FROM scoreboard_holidays
                WHERE organization_id = $1 AND country = $2 AND day > $3::date AND day <= $4::date`,
              [wave.organization_id, wave.country, wave.start_day, last],
            )
          ).map((h) => h.day),
        )
      : new Set<string>();
    const days = (to: string | null): number | null =>
      to === null ? null : businessDaysBetween(wave.start_day, to, wave.country, holidays);
    await manager.query(
      `UPDATE scoreboard_waves w
          SET first_ack_on = $3, ack_business_days = $4, first_substantive_on = $5, substantive_business_days = $6,
              responses = $7, updated_at = now(),
              reported_yes = coalesce(r.yes, 0), reported_acknowledgement = coalesce(r.ack, 0),
              reported_no = coalesce(r.no, 0), reported_not_yet = coalesce(r.not_yet, 0)
         FROM (SELECT count(*) FILTER (WHERE c.answer = 'yes') AS yes,
                      count(*) FILTER (WHERE c.answer = 'acknowledgement') AS ack,
                      count(*) FILTER (WHERE c.answer = 'no') AS no,
                      count(*) FILTER (WHERE c.answer = 'not-yet') AS not_yet
                 FROM reply_check_letters cl JOIN reply_checks c ON c.id = cl.check_id
                WHERE cl.action_id = $1 AND cl.target_id = $2 AND c.answer IS NOT NULL) r
        WHERE w.action_id = $1 AND w.target_id = $2`,
      [actionId, targetId, firstAck, days(firstAck), firstSubstantive, days(firstSubstantive), answers.length],
    );
  }
}
