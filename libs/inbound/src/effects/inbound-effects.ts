import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { sqlCount, sqlOne, sqlRow, sqlRows } from '#rally/core';
import type { BounceClass, InboundKind } from '../entities/inbound-message.entity.js';
import type { InboundAlertKind } from '../entities/inbound-alert.entity.js';
import type { LetterEventKind } from '../entities/letter-event.entity.js';
import type { RecipientReport } from '../processing/delivery-report.js';
import { InboundReplyHooks } from './reply-hooks.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Soft bounces: 3 within 7 days suspend the address for 3 days (a full mailbox is usually emptied within days; one
 * bounce alone is noise). A soft-bounced letter is sent again 6 hours, then 24 hours later (3 sendings in all, the
 * last on the address that is active by then), then given up as bounced. Hard bounces: 5 distinct addresses of one
 * domain within 24 hours pause sending to that domain for 24 hours (a ministry's mail server refusing everyone, not
 * five ministers leaving at once).
 */
export const BOUNCE_RULES = {
  softToSuspend: 3,
  softWindowMs: 7 * DAY_MS,
  suspendForMs: 3 * DAY_MS,
  resendAfterMs: [6 * HOUR_MS, DAY_MS],
  hardAddressesToPause: 5,
  hardWindowMs: DAY_MS,
  pauseForMs: DAY_MS,
};

/** The letter a message was threaded to, as processing read it (inside its transaction). */
export interface ThreadedLetter {
  id: string;
  targetId: string;
  actionId: string;
  targetEmailId: string | null;
  addressNormalized: string;
  status: string;
}

export interface EffectInput {
  organisationId: string;
  /** The inbound message; null when the relay refused the letter at send time (there is no message). */
  messageId: string | null;
  kind: InboundKind;
  letter: ThreadedLetter;
  /** Bounces: each recipient of the report (or the one the text names). */
  recipients: RecipientReport[];
  /** Why an automatic answer was recognised, for its letter event. */
  reason: string;
  fromAddress: string | null;
  now: Date;
}

export interface EffectOutcome {
  /** The report named none of the target's addresses: its failure was put on the letter's address, for review. */
  attributedToLetterAddress: boolean;
  /** The recipient whose class stands for the message (the letter's own address first). */
  summary: RecipientReport | null;
}

interface EmailRow {
  id: string;
  address_normalized: string;
  state: string;
  bounces_reset_at: Date | null;
}

const SEVERITY: BounceClass[] = ['hard', 'policy', 'soft', 'unknown', 'delayed'];
const EVENT_OF: Partial<Record<BounceClass, LetterEventKind>> = {
  hard: 'bounced-hard',
  soft: 'bounced-soft',
  unknown: 'bounced-soft',
  policy: 'policy-block',
};
const describe = (r: RecipientReport): string =>
  [r.recipient, r.status, r.diagnostic]
    .filter((x) => !!x)
    .join(' ')
    .slice(0, 500);

/**
 * What an inbound message changes, written in the transaction that marks it processed (so a job that runs twice
 * changes nothing the second time): letter events, address states, bounce counts, alerts and domain pauses. Only
 * messages threaded to a letter act; the triage queue acts on nothing.
 */
@Injectable()
export class InboundEffects {
  constructor(private readonly replyHooks: InboundReplyHooks) {}

  async apply(input: EffectInput, manager: EntityManager): Promise<EffectOutcome> {
    if (input.kind === 'reply') return this.reply(input, manager);
    if (input.kind === 'auto-reply') {
      await this.event(input, 'auto-acknowledged', input.reason, manager);
      return { attributedToLetterAddress: false, summary: null };
    }
    if (input.kind === 'bounce') return this.bounce(input, manager);
    return { attributedToLetterAddress: false, summary: null };
  }

  /** A person answered: the reply event, and the address proved it works, so its soft-bounce count starts over. */
  private async reply(input: EffectInput, manager: EntityManager): Promise<EffectOutcome> {
    await this.event(input, 'reply', input.fromAddress ?? '', manager);
    if (input.messageId)
      await this.replyHooks.run(
        {
          organisationId: input.organisationId,
          messageId: input.messageId,
          letterId: input.letter.id,
          targetId: input.letter.targetId,
          actionId: input.letter.actionId,
        },
        manager,
      );
    if (input.fromAddress)
      await manager.query(
        `UPDATE target_emails SET bounces_reset_at = $4
          WHERE organization_id = $1 AND target_id = $2 AND address_normalized = $3`,
        [input.organisationId, input.letter.targetId, input.fromAddress.trim().toLowerCase(), input.now],
      );
    return { attributedToLetterAddress: false, summary: null };
  }

  private async bounce(input: EffectInput, manager: EntityManager): Promise<EffectOutcome> {
    const { letter } = input;
    // Locked: two bounces for one address processed at once must count each other.
    const emails = await sqlRows<EmailRow>(
      manager,
      `SELECT id, address_normalized, state, bounces_reset_at FROM target_emails
        WHERE organization_id = $1 AND target_id = $2 ORDER BY id FOR UPDATE`,
      [input.organisationId, letter.targetId],
    );
    const own =
      emails.find((e) => e.id === letter.targetEmailId) ??
      emails.find((e) => e.address_normalized === letter.addressNormalized);
    const failing = input.recipients.filter((r) => r.bounceClass !== 'delayed');
    let pairs = failing.flatMap((r) => {
      const email = emails.find((e) => e.address_normalized === r.recipient);
      return email ? [{ email, report: r }] : [];
    });
    // VERP says which letter bounced even when the report names another address (a forward inside the ministry,
    // a rewritten recipient): the failure is put on the address the letter went to, and flagged for review.
    let attributedToLetterAddress = false;
    if (pairs.length === 0 && failing.length > 0 && own) {
      pairs = [{ email: own, report: failing[0]! }];
      attributedToLetterAddress = failing[0]!.recipient !== null;
    }
    for (const { email, report } of pairs) await this.addressBounce(input, email, report, manager);

    const ownPair = pairs.find((p) => p.email.id === own?.id);
    const summary =
      ownPair?.report ??
      SEVERITY.map((c) => pairs.find((p) => p.report.bounceClass === c)?.report).find((r) => r !== undefined) ??
      input.recipients[0] ??
      null;
    if (ownPair?.report.bounceClass === 'hard' && letter.status === 'handed')
      await manager.query(
        `UPDATE letters SET status = 'bounced', status_reason = $3, updated_at = $4
          WHERE id = $1 AND organization_id = $2 AND status = 'handed'`,
        [letter.id, input.organisationId, `hard bounce ${ownPair.report.status ?? ''}`.trim(), input.now],
      );
    const ownClass = ownPair?.report.bounceClass;
    if ((ownClass === 'soft' || ownClass === 'unknown') && letter.status === 'handed')
      await this.sendAgain(input, ownPair!.report, manager);
    const eventKind = summary ? EVENT_OF[summary.bounceClass] : undefined;
    if (eventKind && pairs.length > 0) await this.event(input, eventKind, describe(summary!), manager);
    return { attributedToLetterAddress, summary };
  }

  /**
   * A soft-bounced letter goes back to the queue for a later sending (its own outbox row, `letter:<id>:<n>`), on
   * whichever of the target's addresses is active then; after the last sending it is given up as bounced. A late
   * report of an earlier sending may move it on once more: the count of sendings still bounds it.
   */
  private async sendAgain(input: EffectInput, report: RecipientReport, manager: EntityManager): Promise<void> {
    const delays = BOUNCE_RULES.resendAfterMs;
    const status = report.status ?? 'soft bounce';
    await manager.query(
      `UPDATE letters SET
              status = CASE WHEN attempt <= $4 THEN 'queued' ELSE 'bounced' END,
              not_before = CASE WHEN attempt <= $4 THEN $3::timestamptz + ($5::bigint[])[attempt] * interval '1 millisecond'
                                ELSE not_before END,
              status_reason = CASE WHEN attempt <= $4 THEN 'soft bounce ' || $6 || ', sending again'
                                   ELSE 'soft bounce ' || $6 || ' after ' || attempt || ' sendings' END,
              attempt = CASE WHEN attempt <= $4 THEN attempt + 1 ELSE attempt END,
              updated_at = $3
        WHERE id = $1 AND organization_id = $2 AND status = 'handed'`,
      [input.letter.id, input.organisationId, input.now, delays.length, delays, status],
    );
  }

  private async addressBounce(
    input: EffectInput,
    email: EmailRow,
    report: RecipientReport,
    manager: EntityManager,
  ): Promise<void> {
    const klass = report.bounceClass === 'unknown' ? 'soft' : report.bounceClass;
    await manager.query(
      `INSERT INTO address_bounces (organization_id, target_email_id, bounce_class, status, inbound_message_id, at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [input.organisationId, email.id, klass, report.status, input.messageId, input.now],
    );
    if (klass === 'hard') {
      if (email.state === 'active' || email.state === 'suspended') {
        await this.setState(input, email, 'bounced', `hard bounce ${report.status ?? ''}`.trim(), null, manager);
        await this.alert(input, 'address-bounced', { targetEmailId: email.id }, describe(report), manager);
      }
      await this.maybePauseDomain(input, email.address_normalized, manager);
    } else if (klass === 'soft') {
      const since = Math.max(
        input.now.getTime() - BOUNCE_RULES.softWindowMs,
        email.bounces_reset_at ? new Date(email.bounces_reset_at).getTime() : 0,
      );
      const { n } = await sqlOne<{ n: number }>(
        manager,
        `SELECT count(*)::int AS n FROM address_bounces
          WHERE target_email_id = $1 AND bounce_class = 'soft' AND at > $2 AND at <= $3`,
        [email.id, new Date(since), input.now],
      );
      if (n >= BOUNCE_RULES.softToSuspend && email.state === 'active')
        await this.setState(
          input,
          email,
          'suspended',
          `${n} soft bounces within 7 days (last ${report.status ?? 'unknown status'})`,
          new Date(input.now.getTime() + BOUNCE_RULES.suspendForMs),
          manager,
        );
    } else if (klass === 'policy') {
      await this.alert(input, 'policy-block', { targetEmailId: email.id }, describe(report), manager);
    }
  }

  private async setState(
    input: EffectInput,
    email: EmailRow,
    state: 'bounced' | 'suspended',
    reason: string,
    suspendedUntil: Date | null,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `UPDATE target_emails SET state = $2, state_reason = $3, state_changed_at = $4, suspended_until = $5
        WHERE id = $1`,
      [email.id, state, reason, input.now, suspendedUntil],
    );
    email.state = state;
  }

  /** Sending to a domain stops for a while once many of its addresses hard-bounced (a pause already running stays). */
  private async maybePauseDomain(input: EffectInput, address: string, manager: EntityManager): Promise<void> {
    const domain = address.split('@')[1];
    if (!domain) return;
    const { n } = await sqlOne<{ n: number }>(
      manager,
      `SELECT count(DISTINCT b.target_email_id)::int AS n
         FROM address_bounces b JOIN target_emails e ON e.id = b.target_email_id
        WHERE b.organization_id = $1 AND b.bounce_class = 'hard' AND b.at > $2 AND b.at <= $3
          AND split_part(e.address_normalized, '@', 2) = $4`,
      [input.organisationId, new Date(input.now.getTime() - BOUNCE_RULES.hardWindowMs), input.now, domain],
    );
    if (n < BOUNCE_RULES.hardAddressesToPause) return;
    const reason = `${n} addresses hard-bounced within 24 hours`;
    const paused = await sqlRow<{ id: string }>(
      manager,
      `INSERT INTO sending_pauses (organization_id, domain, until, reason) VALUES ($1, $2, $3, $4)
       ON CONFLICT (organization_id, domain) DO UPDATE SET until = EXCLUDED.until, reason = EXCLUDED.reason
        WHERE sending_pauses.until <= $5
       RETURNING id`,
      [input.organisationId, domain, new Date(input.now.getTime() + BOUNCE_RULES.pauseForMs), reason, input.now],
    );
    if (paused) await this.alert(input, 'domain-paused', { domain }, reason, manager);
  }

  /** One open alert per kind and address (or domain): a second bounce adds nothing until a coordinator has seen it. */
  private async alert(
    input: EffectInput,
    kind: InboundAlertKind,
    about: { targetEmailId?: string; domain?: string },
    detail: string,
    manager: EntityManager,
  ): Promise<void> {
    await sqlCount(
      manager,
      `INSERT INTO inbound_alerts (organization_id, kind, target_email_id, domain, inbound_message_id, detail, created_at)
       SELECT $1, $2, $3::uuid, $4::text, $5, $6, $7
        WHERE NOT EXISTS (
          SELECT 1 FROM inbound_alerts a WHERE a.organization_id = $1 AND a.kind = $2 AND a.acknowledged_at IS NULL
             AND a.target_email_id IS NOT DISTINCT FROM $3::uuid AND a.domain IS NOT DISTINCT FROM $4::text)`,
      [
        input.organisationId,
        kind,
        about.targetEmailId ?? null,
        about.domain ?? null,
        input.messageId,
        detail.slice(0, 500),
        input.now,
      ],
    );
  }

  private async event(
    input: EffectInput,
    kind: LetterEventKind,
    detail: string,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO letter_events (organization_id, letter_id, kind, inbound_message_id, detail, at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [input.organisationId, input.letter.id, kind, input.messageId, detail.slice(0, 500), input.now],
    );
  }
}
