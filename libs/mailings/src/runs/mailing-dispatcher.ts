import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { RallyConfig } from '#rally/core';
import { InjectConfig, requireSecretKey, sqlOne, sqlRows } from '#rally/core';
import type { LettersConfig } from '#rally/letters';
import { LETTERS_CONFIG } from '#rally/letters';
import type { StagedMail } from '#rally/mail';
import { MailService } from '#rally/mail';
import { renderMailing } from '../content/mailing-template.js';
import type { MailingAddresses } from '../inbound/mailing-addresses.js';
import { mailingAddressesOf, unsubscribeMailto } from '../inbound/mailing-addresses.js';
import type { MailingRunContent, MailingRunContext } from '../entities/mailing-run.entity.js';
import type { MailingFooter } from '../mail/mailing-mail.templates.js';
import { MAILING_MAIL, mailingFooter } from '../mail/mailing-mail.templates.js';
import type { MailingsConfig } from '../mailings.config.js';
import { MAILINGS_CONFIG } from '../mailings.config.js';
import { UnsubscribeTokens } from '../unsubscribe/unsubscribe-tokens.js';

/** Recipients rendered and staged per transaction: a few MB of JSON at most, and the locks are held briefly. */
export const DISPATCH_PASS = 2_000;

/**
 * Messages the outbox owes (handed but not yet sent), at most, before mailings hand more: about 3-8 s of a pooled
 * relay's sending. Handing faster than the relay takes them only fills the outbox; rows pending longer than
 * MAIL_RECONCILE_SECONDS would be enqueued again by the reconciler, and the worker's memory grew with the backlog
 * (538 MiB for 20,000 against 279 for 2,000 before).
 */
export const MAX_IN_FLIGHT = 5_000;

interface DueRecipient {
  id: string;
  run_id: string;
  organization_id: string;
  email: string;
  language: string;
  supporter_id: string | null;
  first_name: string | null;
  last_name: string | null;
  country: string | null;
  region: string | null;
}

interface DueRun {
  id: string;
  context: MailingRunContext;
  content: MailingRunContent;
}

/** The outbox key of one recipient of one run: unique, so handing it twice makes one message. */
export const mailingOutboxKey = (runId: string, recipientId: string): string => `mailing:${runId}:${recipientId}`;

export function runOfOutboxKey(key: string): { runId: string; recipientId: string } | null {
  const m = /^mailing:([0-9a-f-]{36}):(\d+)$/.exec(key);
  return m ? { runId: m[1]!, recipientId: m[2]! } : null;
}

/**
 * Hands staged recipients to the mail outbox at MAILING_SEND_RATE: each pass locks up to its share of staged rows
 * (SKIP LOCKED, so two workers never take the same), renders each recipient's words, stages their outbox rows with
 * one INSERT ... SELECT and marks them handed, in one transaction. A worker killed mid-pass leaves neither, so
 * nothing is handed twice; what the outbox then sends, the send job's claim and sent marks guard.
 */
@Injectable()
export class MailingDispatcher {
  private readonly logger = new Logger('MailingDispatch');
  private readonly tokens: UnsubscribeTokens;
  private readonly addresses: MailingAddresses;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mail: MailService,
    @InjectConfig() private readonly config: RallyConfig,
    @InjectConfig(MAILINGS_CONFIG) private readonly mailings: MailingsConfig,
    @InjectConfig(LETTERS_CONFIG) letters: LettersConfig,
  ) {
    this.tokens = new UnsubscribeTokens(requireSecretKey(config));
    this.addresses = mailingAddressesOf(config, letters);
  }

  /** One tick's share: the rate times the tick, in passes of DISPATCH_PASS. */
  async tick(): Promise<{ handed: number; finished: number }> {
    // What the outbox owes, of any feature (one sender drains it all), counted up to the cap along the due index in
    // its order. Bitmap scans are off for it: the planner, estimating a hundred rows, chose one, and a bitmap scan
    // never marks the index entries of rows sent since as dead, so at 100,000 recipients each count read every row
    // sent since the last vacuum (~150 ms, five times a second, most of PostgreSQL's CPU). A plain index scan marks
    // them and skips them the next time.
    const inFlight = await this.db.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_bitmapscan = off');
      const { owed } = await sqlOne<{ owed: number }>(
        manager,
        `SELECT (SELECT count(*) FROM (SELECT 1 FROM mail_outbox WHERE status = 'pending'
                                        ORDER BY status, updated_at LIMIT $1) p)::int
              + (SELECT count(*) FROM (SELECT 1 FROM mail_outbox WHERE status = 'sending'
                                        ORDER BY status, updated_at LIMIT $1) s)::int AS owed`,
        [MAX_IN_FLIGHT],
      );
      return owed;
    });
    let budget = Math.min(
      Math.max(1, Math.floor((this.mailings.sendRate * this.mailings.dispatchMs) / 1000)),
      MAX_IN_FLIGHT - inFlight,
    );
    let handed = 0;
    while (budget > 0) {
      const want = Math.min(budget, DISPATCH_PASS);
      const n = await this.pass(want);
      handed += n;
      budget -= n;
      if (n < want) break;
    }
    const finished = await this.finish();
    if (handed > 0) this.logger.log({ msg: 'mailing recipients handed', handed });
    return { handed, finished };
  }

  async pass(limit: number): Promise<number> {
    let staged: StagedMail[] = [];
    const count = await this.db.transaction(async (manager) => {
      // The runs first (few), then their staged recipients through the (run, id) partial index alone, so a pass reads
      // the rows it takes rather than joining every staged row of a 100,000-recipient run to its run and mailing.
      const runs = await sqlRows<DueRun>(
        manager,
        `SELECT u.id, u.context, u.content FROM mailing_runs u JOIN mailings m ON m.id = u.mailing_id
          WHERE u.status = 'sending' AND m.status NOT IN ('paused', 'cancelled')
          ORDER BY u.created_at LIMIT 100`,
      );
      if (runs.length === 0) return 0;
      const due = await sqlRows<DueRecipient>(
        manager,
        `WITH picked AS (
           SELECT r.id FROM mailing_recipients r
            WHERE r.run_id = ANY($1) AND r.status = 'staged'
            ORDER BY r.run_id, r.id
            LIMIT $2
            FOR UPDATE SKIP LOCKED)
         SELECT r.id, r.run_id, r.organization_id, r.email, r.language, r.supporter_id,
                s.first_name, s.last_name, s.country, s.region
           FROM picked JOIN mailing_recipients r ON r.id = picked.id
           LEFT JOIN supporters s ON s.id = r.supporter_id`,
        [runs.map((r) => r.id), limit],
      );
      if (due.length === 0) return 0;
      staged = await this.hand(due, new Map(runs.map((r) => [r.id, r])), manager);
      return due.length;
    });
    await this.mail.dispatchStaged(staged);
    return count;
  }

  private async hand(due: DueRecipient[], runs: Map<string, DueRun>, manager: EntityManager): Promise<StagedMail[]> {
    const publicUrl = this.config.http.publicUrl;
    const footers = new Map<string, MailingFooter>();
    const footerOf = (language: string, organisation: string): MailingFooter => {
      const key = `${language} ${organisation}`;
      let footer = footers.get(key);
      if (!footer) footers.set(key, (footer = mailingFooter(language, organisation)));
      return footer;
    };
    const rows = due.map((r) => {
      const { content, context } = runs.get(r.run_id)!;
      const words = renderMailing(content.variants, content.fallbackLanguage, r.language, context, {
        firstName: r.first_name ?? '',
        lastName: r.last_name ?? '',
        country: r.country,
        region: r.region,
      });
      const token = content.supporters ? this.tokens.make(r.id) : null;
      const unsubscribeUrl = token ? `${publicUrl}/u/${token}` : null;
      return {
        org: r.organization_id,
        key: mailingOutboxKey(r.run_id, r.id),
        recipient: r.email,
        sender: content.sender,
        language: words.language,
        data: {
          subject: words.subject,
          text: words.text,
          footer: token ? footerOf(words.language, context.organisation.name) : null,
          unsubscribeUrl,
          preferencesUrl: token ? `${publicUrl}/u/${token}/preferences` : null,
        },
        // RFC 8058: both forms of List-Unsubscribe, and the one-click POST; letters to targets never carry these.
        headers: token
          ? {
              'List-Unsubscribe': `<${unsubscribeUrl}>, <${unsubscribeMailto(this.addresses, this.mailings.unsubscribeMailto, r.id, token)}>`,
              'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
            }
          : null,
        // VERP: the delivery reports of this one message come back to inbound naming this recipient row.
        returnPath: this.addresses.returnPath(r.id),
      };
    });
    const staged = await this.mail.stageSelected(
      MAILING_MAIL,
      {
        sql: `SELECT u.org AS organization_id, u.key AS idempotency_key, u.recipient, NULL::text AS reply_to, u.sender,
                     u.language, u.data, u.headers, u."returnPath" AS return_path
                FROM json_to_recordset($1::json)
                  AS u(org uuid, key text, recipient text, sender text, language text, data jsonb, headers jsonb,
                       "returnPath" text)`,
        params: [JSON.stringify(rows)],
      },
      manager,
    );
    // The outbox id of each: the row just made, or (a key present already) the one that exists.
    const byKey = new Map(staged.map((s) => [s.idempotencyKey, s.id]));
    const missing = rows.map((r) => r.key).filter((k) => !byKey.has(k));
    if (missing.length)
      for (const e of await sqlRows<{ id: string; idempotency_key: string }>(
        manager,
        `SELECT id, idempotency_key FROM mail_outbox WHERE idempotency_key = ANY($1)`,
        [missing],
      ))
        byKey.set(e.idempotency_key, e.id);
    await manager.query(
      `UPDATE mailing_recipients r SET status = 'handed', handed_at = now(), outbox_id = u.outbox_id
         FROM unnest($1::bigint[], $2::uuid[]) AS u(id, outbox_id) WHERE r.id = u.id`,
      [due.map((r) => r.id), due.map((r) => byKey.get(mailingOutboxKey(r.run_id, r.id)) ?? null)],
    );
    return staged;
  }

  /** Runs with nothing left to hand are finished; a mailing with no occurrence left and no run sending too. */
  private async finish(): Promise<number> {
    const finished = await sqlRows<{ id: string }>(
      this.db,
      `UPDATE mailing_runs u SET status = 'finished', finished_at = now()
        WHERE u.status = 'sending'
          AND NOT EXISTS (SELECT 1 FROM mailing_recipients r WHERE r.run_id = u.id AND r.status = 'staged')
        RETURNING u.id`,
    );
    await this.db.query(
      `UPDATE mailings m SET status = 'finished', updated_at = now()
        WHERE m.status = 'scheduled' AND m.next_run_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM mailing_runs u WHERE u.mailing_id = m.id AND u.status IN ('sending', 'paused'))`,
    );
    return finished.length;
  }
}
