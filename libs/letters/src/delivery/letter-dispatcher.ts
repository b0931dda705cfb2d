import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { RallyConfig } from '#rally/core';
import { Clock, InjectConfig, JobQueue, sqlRows } from '#rally/core';
import type { StagedMail } from '#rally/mail';
import { MailService } from '#rally/mail';
import { LetterJob } from '../letters.jobs.js';
import type { SendingWindow } from '../entities/letter-action.entity.js';
import { LETTER_MAIL } from '../mail/letter-mail.templates.js';
import type { LettersConfig } from '../letters.config.js';
import { LETTERS_CONFIG } from '../letters.config.js';
import { LetterAddresses, letterAddressesOf } from './letter-addresses.js';
import { nextWindowOpening, targetTimeZone } from './sending-window.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Letters handed per pass: one pass is a handful of statements, and the next pass follows within LETTER_DISPATCH_MS. */
export const DISPATCH_BATCH = 1_000;

/**
 * Asks for a dispatch pass now rather than at the next tick (after a confirmation, a release): at most one such
 * request per half second reaches the queue, whatever the rate of confirmations.
 */
export async function requestDispatch(jobs: JobQueue, now: Date): Promise<void> {
  await jobs.enqueue(LetterJob.Dispatch, {}, { jobId: `dispatch-${Math.floor(now.getTime() / 500)}`, attempts: 1 });
}

interface DueLetter {
  id: string;
  organization_id: string;
  target_id: string;
  recipient: string;
  address_normalized: string;
  test_mode: boolean;
  attempt: number;
  target_email_id: string | null;
  email_state: string | null;
  alt_email_id: string | null;
  alt_address: string | null;
  alt_address_normalized: string | null;
  hourly_cap: number | null;
  daily_cap: number | null;
  sending_window: SendingWindow | null;
  time_zone: string | null;
  country: string;
  paused_until: Date | null;
}

/** The outbox key of a letter's sending: `letter:<id>` first, `letter:<id>:<n>` when a soft bounce sent it again. */
export function letterOutboxKey(letterId: string, attempt: number): string {
  return attempt > 1 ? `letter:${letterId}:${attempt}` : `letter:${letterId}`;
}

/** The letter an outbox key names (see letterOutboxKey), or null for other mail. */
export function letterOfOutboxKey(key: string): string | null {
  return /^letter:([0-9a-f-]{36})(?::\d+)?$/.exec(key)?.[1] ?? null;
}

/** Why a letter is held when none of its target's addresses is active; such letters go again once one is. */
export const NO_ADDRESS = 'the target has no active email address';

/** What one address has already received: times handed in the last 24 hours, oldest first. */
type History = number[];

export interface DispatchOutcome {
  handed: number;
  waiting: number;
  held: number;
}

/** What a pass staged (with the send batches it recorded) and outbox rows that existed already, to enqueue after commit. */
interface Handed {
  staged: StagedMail[];
  existing: string[];
}

type Decision =
  | { kind: 'hand'; letter: DueLetter; recipient: string; addressNormalized: string; emailId: string | null }
  | { kind: 'wait'; letter: DueLetter; until: Date; reason: string }
  | { kind: 'hold'; letter: DueLetter; reason: string };

/**
 * Hands due letters to the mail outbox, never more to one target address than its action allows: inside the
 * sending window (the target's time zone), under the hourly and daily caps. Letters over a cap wait until the oldest
 * letter of the window ages out, so they are spread over the following hours, never dropped.
 *
 * One dispatcher runs at a time across every worker process (a transaction-scoped advisory lock): the caps are
 * counted from the letters already handed, and two dispatchers counting at once could both hand the last slot.
 * Dispatching is a few statements per thousand letters; the sending itself stays parallel in the mail queue.
 */
@Injectable()
export class LetterDispatcher {
  private readonly logger = new Logger('LetterDispatch');
  private readonly addresses: LetterAddresses;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mail: MailService,
    private readonly clock: Clock,
    @InjectConfig() config: RallyConfig,
    @InjectConfig(LETTERS_CONFIG) letters: LettersConfig,
  ) {
    this.addresses = letterAddressesOf(config, letters);
  }

  /** One pass; null when another worker's dispatcher holds the lock. */
  async run(limit = DISPATCH_BATCH): Promise<DispatchOutcome | null> {
    const now = this.clock.now();
    let handed: Handed = { staged: [], existing: [] };
    const outcome = await this.db.transaction(async (manager) => {
      const [{ locked }] = await sqlRows<{ locked: boolean }>(
        manager,
        `SELECT pg_try_advisory_xact_lock(hashtext('rally:letters.dispatch')) AS locked`,
      );
      if (!locked) return null;
      await this.recover(manager, now);
      const due = await this.due(manager, now, limit);
      if (due.length === 0) return { handed: 0, waiting: 0, held: 0 };
      const history = await this.history(manager, due, now);
      const decisions = due.map((letter) => this.decide(letter, history, now));
      handed = await this.apply(manager, decisions, now);
      const count = (kind: Decision['kind']): number => decisions.filter((d) => d.kind === kind).length;
      return { handed: count('hand'), waiting: count('wait'), held: count('hold') };
    });
    await this.mail.dispatchStaged(handed.staged);
    await this.mail.dispatch(handed.existing);
    if (outcome && outcome.handed + outcome.held > 0) this.logger.log({ msg: 'letters dispatched', ...outcome });
    return outcome;
  }

  /**
   * Addresses whose suspension (repeated soft bounces) has run out are active again; letters held for want of an
   * address go back to the queue once their target has an active one (the suspension ended, staff reactivated one).
   */
  private async recover(manager: EntityManager, now: Date): Promise<void> {
    await manager.query(
      `UPDATE target_emails SET state = 'active', state_reason = NULL, suspended_until = NULL, state_changed_at = $1
        WHERE state = 'suspended' AND suspended_until <= $1`,
      [now],
    );
    await manager.query(
      `UPDATE letters l SET status = 'queued', status_reason = NULL, not_before = $1, updated_at = $1
        WHERE l.status = 'held' AND l.status_reason = $2
          AND EXISTS (SELECT 1 FROM target_emails e WHERE e.target_id = l.target_id AND e.state = 'active')`,
      [now, NO_ADDRESS],
    );
  }

  private due(manager: EntityManager, now: Date, limit: number): Promise<DueLetter[]> {
    return sqlRows<DueLetter>(
      manager,
      `SELECT l.id, l.organization_id, l.target_id, l.recipient, l.address_normalized, l.test_mode, l.attempt,
              l.target_email_id,
              te.state AS email_state, alt.id AS alt_email_id, alt.address AS alt_address,
              alt.address_normalized AS alt_address_normalized,
              a.hourly_cap, a.daily_cap, a.sending_window, t.time_zone, t.country,
              (SELECT max(p.until) FROM sending_pauses p WHERE p.organization_id = l.organization_id AND p.until > $1
                  AND p.domain IN (split_part(l.address_normalized, '@', 2), split_part(alt.address_normalized, '@', 2))
              ) AS paused_until
         FROM letters l
         JOIN letter_actions a ON a.id = l.action_id
         JOIN targets t ON t.id = l.target_id
         LEFT JOIN target_emails te ON te.id = l.target_email_id
         LEFT JOIN LATERAL (
           SELECT e.id, e.address, e.address_normalized FROM target_emails e
            WHERE e.target_id = l.target_id AND e.state = 'active' ORDER BY e.position, e.created_at LIMIT 1
         ) alt ON true
        WHERE l.status IN ('queued', 'waiting') AND l.not_before <= $1
        ORDER BY l.not_before, l.created_at
        LIMIT $2
        FOR UPDATE OF l SKIP LOCKED`,
      [now, limit],
    );
  }

  /** Per organisation and address, the letters handed in the last 24 hours (test letters never count). */
  private async history(manager: EntityManager, due: DueLetter[], now: Date): Promise<Map<string, History>> {
    const keys = new Map<string, { org: string; address: string }>();
    for (const l of due) {
      // Uncapped letters need no history: a backlog of them costs no read of what their addresses received.
      if (l.test_mode || (l.hourly_cap === null && l.daily_cap === null)) continue;
      const address = l.alt_address_normalized ?? l.address_normalized;
      keys.set(`${l.organization_id} ${address}`, { org: l.organization_id, address });
    }
    const history = new Map<string, History>([...keys.keys()].map((k) => [k, []]));
    if (keys.size === 0) return history;
    const rows = await sqlRows<{ organization_id: string; address_normalized: string; handed: Date[] }>(
      manager,
      `SELECT l.organization_id, l.address_normalized, array_agg(l.handed_at ORDER BY l.handed_at) AS handed
         FROM letters l
         JOIN unnest($1::uuid[], $2::text[]) AS k(org, address)
           ON l.organization_id = k.org AND l.address_normalized = k.address
        WHERE l.handed_at > $3 AND l.handed_at <= $4 AND NOT l.test_mode
        GROUP BY 1, 2`,
      [
        [...keys.values()].map((k) => k.org),
        [...keys.values()].map((k) => k.address),
        new Date(now.getTime() - DAY_MS),
        now,
      ],
    );
    for (const r of rows)
      history.set(
        `${r.organization_id} ${r.address_normalized}`,
        r.handed.map((d) => new Date(d).getTime()),
      );
    return history;
  }

  private decide(letter: DueLetter, history: Map<string, History>, now: Date): Decision {
    if (letter.test_mode)
      return {
        kind: 'hand',
        letter,
        recipient: letter.recipient,
        addressNormalized: letter.address_normalized,
        emailId: letter.target_email_id,
      };
    // The address chosen at rendering may have bounced or been disabled since: the target's next active one takes
    // over; with none left the letter is held (kept, visible to staff), never dropped.
    const usable = letter.email_state === 'active';
    const emailId = usable ? letter.target_email_id : letter.alt_email_id;
    const recipient = usable ? letter.recipient : letter.alt_address;
    const addressNormalized = usable ? letter.address_normalized : letter.alt_address_normalized;
    if (!recipient || !addressNormalized) return { kind: 'hold', letter, reason: NO_ADDRESS };
    // Many hard bounces on the domain paused sending there (inbound mail): wait, on no other address, until it ends.
    if (letter.paused_until)
      return { kind: 'wait', letter, until: new Date(letter.paused_until), reason: 'domain paused' };

    const opening = nextWindowOpening(
      letter.sending_window,
      targetTimeZone({ timeZone: letter.time_zone, country: letter.country }),
      now,
    );
    if (opening > now) return { kind: 'wait', letter, until: opening, reason: 'sending window' };

    const handed = history.get(`${letter.organization_id} ${addressNormalized}`) ?? [];
    const t = now.getTime();
    const lastHour = handed.filter((h) => h > t - HOUR_MS);
    if (letter.daily_cap !== null && handed.length >= letter.daily_cap)
      return {
        kind: 'wait',
        letter,
        until: new Date(handed[handed.length - letter.daily_cap]! + DAY_MS),
        reason: 'daily cap',
      };
    if (letter.hourly_cap !== null && lastHour.length >= letter.hourly_cap)
      return {
        kind: 'wait',
        letter,
        until: new Date(lastHour[lastHour.length - letter.hourly_cap]! + HOUR_MS),
        reason: 'hourly cap',
      };
    handed.push(t);
    return { kind: 'hand', letter, recipient, addressNormalized, emailId };
  }

  /** Writes the outbox rows and every letter's new state in the dispatcher's transaction; returns what to enqueue. */
  private async apply(manager: EntityManager, decisions: Decision[], now: Date): Promise<Handed> {
    const hand = decisions.filter((d): d is Extract<Decision, { kind: 'hand' }> => d.kind === 'hand');
    const keyOf = (l: DueLetter): string => letterOutboxKey(l.id, l.attempt);
    // The outbox rows are made from the letters in SQL: subject and body never travel through this process. The
    // envelope sender is the letter's bounce+TOKEN address (VERP): a bounce names its letter whatever it says.
    const staged = hand.length
      ? await this.mail.stageSelected(
          LETTER_MAIL,
          {
            sql: `SELECT l.organization_id, u.key AS idempotency_key, u.recipient, l.reply_to, l.sender, l.language,
                         jsonb_build_object('subject', l.subject, 'text', l.body) AS data,
                         jsonb_build_object('Message-ID', l.message_id) AS headers, u.return_path
                    FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS u(id, key, recipient, return_path)
                    JOIN letters l ON l.id = u.id`,
            params: [
              hand.map((d) => d.letter.id),
              hand.map((d) => keyOf(d.letter)),
              hand.map((d) => d.recipient),
              hand.map((d) => this.addresses.bounceAddress(d.letter.id)),
            ],
          },
          manager,
        )
      : [];
    // A letter whose outbox row exists already keeps that row (the key is unique): look those few up.
    const inserted = new Set(staged.map((r) => r.idempotencyKey));
    const missing = hand.map((d) => keyOf(d.letter)).filter((k) => !inserted.has(k));
    const existing = missing.length
      ? await sqlRows<{ id: string; idempotency_key: string }>(
          manager,
          `SELECT id, idempotency_key FROM mail_outbox WHERE idempotency_key = ANY($1)`,
          [missing],
        )
      : [];
    const outbox = [...staged.map((r) => ({ id: r.id, idempotency_key: r.idempotencyKey })), ...existing];
    const outboxByKey = new Map(outbox.map((o) => [o.idempotency_key, o.id]));
    if (hand.length)
      await manager.query(
        `UPDATE letters l SET status = 'handed', handed_at = $1, status_reason = NULL, updated_at = $1,
                recipient = u.recipient, address_normalized = u.address, target_email_id = u.email_id, outbox_id = u.outbox_id
           FROM unnest($2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::uuid[]) AS u(id, recipient, address, email_id, outbox_id)
          WHERE l.id = u.id`,
        [
          now,
          hand.map((d) => d.letter.id),
          hand.map((d) => d.recipient),
          hand.map((d) => d.addressNormalized),
          hand.map((d) => d.emailId),
          hand.map((d) => outboxByKey.get(keyOf(d.letter)) ?? null),
        ],
      );
    const wait = decisions.filter((d): d is Extract<Decision, { kind: 'wait' }> => d.kind === 'wait');
    if (wait.length)
      await manager.query(
        `UPDATE letters l SET status = 'waiting', not_before = u.until, status_reason = u.reason, updated_at = $1
           FROM unnest($2::uuid[], $3::timestamptz[], $4::text[]) AS u(id, until, reason) WHERE l.id = u.id`,
        [now, wait.map((d) => d.letter.id), wait.map((d) => d.until), wait.map((d) => d.reason)],
      );
    const hold = decisions.filter((d): d is Extract<Decision, { kind: 'hold' }> => d.kind === 'hold');
    if (hold.length)
      await manager.query(
        `UPDATE letters l SET status = 'held', status_reason = u.reason, updated_at = $1
           FROM unnest($2::uuid[], $3::text[]) AS u(id, reason) WHERE l.id = u.id`,
        [now, hold.map((d) => d.letter.id), hold.map((d) => d.reason)],
      );
    return { staged, existing: existing.map((e) => e.id) };
  }
}
