import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { RallyConfig } from '#rally/core';
import { Clock, InjectConfig, sqlRow, sqlRows } from '#rally/core';
import type { LettersConfig } from '#rally/letters';
import { LETTERS_CONFIG, LetterAddresses, letterAddressesOf } from '#rally/letters';
import { AddressedMail } from '../addresses/addressed-mail.js';
import type { ThreadedBy } from '../entities/inbound-message.entity.js';
import type { ThreadedLetter } from '../effects/inbound-effects.js';
import { InboundEffects } from '../effects/inbound-effects.js';
import type { InboundConfig } from '../inbound.config.js';
import { INBOUND_CONFIG } from '../inbound.config.js';
import type { KeptAttachment } from './attachments.js';
import { keepAttachments } from './attachments.js';
import type { Classification } from './classify.js';
import { classify, isOwnDomain, summaryClass } from './classify.js';
import { ByteBudget } from './byte-budget.js';
import { dedupeKey } from './content-key.js';
import { sanitiseHtml } from './html-sanitise.js';
import type { ParsedMessage } from './mime-parse.js';
import { MimeParseError, parseMime } from './mime-parse.js';
import { HTML_QUOTE_MARKERS, htmlToText, replyTextFromHtml } from './reply-html.js';
import { stripQuotedText } from './reply-text.js';
import { checkSender } from './sender-check.js';
import {
  letterTokens,
  recipientHeaderAddresses,
  referencedMessageIds,
  returnedAddresses,
  returnedMessageId,
} from './threading.js';

/**
 * The authserv-ids (RFC 8601) of relays whose Authentication-Results Rally believes: the installation's own border
 * MTA or inbound provider, which strips headers claiming its id from what it receives. Empty (the default): no
 * DMARC result is believed, senders are checked against the target's addresses only.
 */
export const INBOUND_TRUSTED_AUTHSERV_IDS = Symbol('INBOUND_TRUSTED_AUTHSERV_IDS');

/** Stored HTML beyond 2 MB is not kept (the raw message still holds it): sanitising and showing it would stall. */
const MAX_HTML_CHARS = 2_000_000;
/** Chunks read per query while streaming the raw message to the parser: 4 x 256 KiB. */
const CHUNKS_PER_READ = 4;

/** `addressed`: it came to a feature's address (InboundAddressKinds), was handed to the feature and not kept. */
export type ProcessOutcome = 'processed' | 'addressed' | 'duplicate' | 'loop' | 'failed' | 'skipped';

/** What processing reads of a received message before parsing it (with its first chunk, in one round trip). */
interface ReceivedRow {
  envelope_from: string | null;
  envelope_to: string[];
  token_letter_id: string | null;
  size: number;
  slug: string;
  first_chunk: Buffer | null;
}

interface LetterRow {
  id: string;
  target_id: string;
  action_id: string;
  target_email_id: string | null;
  address_normalized: string;
  status: string;
  target_addresses: string[];
}

/** A reply, an automatic answer or a bounce: parsed, classified, threaded, checked, stored and acted on. */
@Injectable()
export class InboundProcessor {
  private readonly logger = new Logger('InboundProcess');
  private readonly addresses: LetterAddresses;
  private readonly ownDomains: string[];
  /** Three messages of the largest size at once, any number of replies (see ByteBudget). */
  private readonly memory: ByteBudget;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly effects: InboundEffects,
    private readonly clock: Clock,
    @InjectConfig() config: RallyConfig,
    @InjectConfig(LETTERS_CONFIG) letters: LettersConfig,
    @InjectConfig(INBOUND_CONFIG) inbound: InboundConfig,
    @Inject(INBOUND_TRUSTED_AUTHSERV_IDS) private readonly trustedAuthservIds: string[],
    private readonly addressed: AddressedMail,
  ) {
    this.addresses = letterAddressesOf(config, letters);
    this.ownDomains = [...new Set([letters.replyDomain, ...inbound.ownDomains])];
    this.memory = new ByteBudget(3 * inbound.maxBytes);
  }

  async process(messageId: string): Promise<ProcessOutcome> {
    // The first chunk comes with the row: a reply (one chunk) is read in one round trip, not two. As a column of
    // its own: pg parses a bytea[] character by character (~3.5 ms for 30 KB, against ~0.25 ms for a bytea).
    const row = await sqlRow<ReceivedRow & { organization_id: string; status: string }>(
      this.db,
      `SELECT m.organization_id, m.status, m.envelope_from, m.envelope_to, m.token_letter_id, m.size, o.slug,
              c.data AS first_chunk
         FROM inbound_messages m JOIN organization o ON o.id = m.organization_id
         LEFT JOIN inbound_message_chunks c ON c.message_id = m.id AND c.seq = 0
        WHERE m.id = $1`,
      [messageId],
    );
    if (!row || row.status !== 'received') return 'skipped'; // done by an earlier run, or not committed yet
    const release = await this.memory.acquire(row.size);
    try {
      return await this.processRow(messageId, row);
    } finally {
      release();
    }
  }

  private async processRow(messageId: string, row: ReceivedRow): Promise<ProcessOutcome> {
    // Reading and analysing need no database: whatever goes wrong here is the message's fault, so it is kept (raw
    // chunks and all) as failed for a coordinator and never retried. Database errors below are retried by the queue.
    let analysed: Analysed;
    try {
      const parsed = await parseMime(this.rawStream(messageId, row.first_chunk, row.size));
      analysed = this.analyse(messageId, row.slug, parsed, row.envelope_from);
    } catch (error) {
      if (!(error instanceof MimeParseError))
        this.logger.warn({ msg: 'inbound analysis crashed', messageId, error: String(error) });
      const failure = error instanceof MimeParseError ? error.message : `analysis: ${String(error)}`;
      // Unreadable mail to a feature's address (checked at RCPT) is not kept either: nobody could act on it.
      const kind = this.addressed.envelopeKind(row);
      if (kind)
        return this.db.transaction((manager) =>
          this.addressed.drop(messageId, kind.prefix, `unreadable: ${failure.slice(0, 200)}`, null, manager),
        );
      return this.fail(messageId, failure);
    }
    try {
      return await this.db.transaction((manager) => this.store(messageId, analysed, manager));
    } catch (error) {
      if ((error as { constraint?: string }).constraint === 'inbound_messages_dedupe_uq')
        return this.db.transaction((manager) => this.markDuplicate(messageId, analysed, manager));
      throw error;
    }
  }

  private analyse(messageId: string, slug: string, parsed: ParsedMessage, envelopeFrom: string | null): Analysed {
    const { kept, dropped } = keepAttachments(parsed.attachments);
    const attachments = kept.map((a) => ({ ...a, id: randomUUID() }));
    const cidUrl = (cid: string): string | null => {
      const a = attachments.find((x) => x.contentId === cid);
      return a ? inboundAttachmentPath(slug, messageId, a.id) : null;
    };
    return {
      parsed,
      key: dedupeKey(parsed),
      classification: classify(parsed, envelopeFrom),
      bodies: this.bodies(parsed, cidUrl),
      attachments,
      dropped,
    };
  }

  /**
   * The raw message as its chunks, read in order a few at a time after the first (already read with the row: when
   * it holds all `size` bytes, nothing more is asked for): the parser never waits for one big query.
   */
  private rawStream(messageId: string, first: Buffer | null, size: number): ReadableStream<Uint8Array> {
    let after = first ? 0 : -1;
    let queued: Buffer[] = first ? [first] : [];
    let done = first !== null && first.length >= size;
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        if (queued.length === 0 && !done) {
          const rows = await sqlRows<{ seq: number; data: Buffer }>(
            this.db,
            `SELECT seq, data FROM inbound_message_chunks WHERE message_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
            [messageId, after, CHUNKS_PER_READ],
          );
          if (rows.length < CHUNKS_PER_READ) done = true;
          if (rows.length > 0) after = rows[rows.length - 1]!.seq;
          queued = rows.map((r) => r.data);
        }
        const next = queued.shift();
        if (next) controller.enqueue(new Uint8Array(next.buffer, next.byteOffset, next.byteLength));
        else controller.close();
      },
    });
  }

  private async fail(messageId: string, failure: string): Promise<ProcessOutcome> {
    await this.db.query(
      `UPDATE inbound_messages SET status = 'failed', failure = $2, processed_at = $3 WHERE id = $1 AND status = 'received'`,
      [messageId, failure.slice(0, 1000), this.clock.now()],
    );
    this.logger.warn({ msg: 'inbound message unreadable', messageId, failure: failure.slice(0, 200) });
    return 'failed';
  }

  private async store(messageId: string, analysed: Analysed, manager: EntityManager): Promise<ProcessOutcome> {
    const { parsed, key, classification, bodies, attachments, dropped } = analysed;
    const now = this.clock.now();
    // With the lock, whether this content was processed before (one round trip for both).
    const row = await sqlRow<InboundRow & { duplicate_id: string | null }>(
      manager,
      `SELECT m.organization_id, m.status, m.envelope_from, m.envelope_to, m.token_letter_id,
              (SELECT d.id FROM inbound_messages d
                WHERE d.organization_id = m.organization_id AND d.dedupe_key = $2 AND d.status = 'processed' LIMIT 1)
                AS duplicate_id
         FROM inbound_messages m WHERE m.id = $1 FOR UPDATE OF m`,
      [messageId, key],
    );
    if (!row || row.status !== 'received') return 'skipped';
    const org = row.organization_id;
    const basics = [messageId, parsed.messageId, key, parsed.from?.address ?? null, parsed.from?.name ?? null];
    const basicSet = `message_id_header = $2, dedupe_key = $3, from_address = $4, from_name = $5, subject = $6,
                      sent_at = $7, processed_at = $8`;
    const basicParams = [...basics, parsed.subject, parsed.date, now];

    // Mail from Rally's own domains is a loop (Rally never answers inbound mail, so nothing of it is acted on). A
    // delivery report is exempt: a relay on an own domain reporting a letter it could not deliver is no loop.
    const isReport = parsed.contentType === 'multipart/report';
    if (
      !isReport &&
      (isOwnDomain(parsed.from?.address, this.ownDomains) || isOwnDomain(row.envelope_from, this.ownDomains))
    ) {
      await manager.query(
        `UPDATE inbound_messages SET status = 'processed', kind = 'loop', ${basicSet} WHERE id = $1`,
        basicParams,
      );
      this.logger.log({ msg: 'inbound loop dropped', messageId });
      return 'loop';
    }
    if (row.duplicate_id) return this.markDuplicate(messageId, analysed, manager);

    const { letter, threadedBy, targetAddresses } = await this.thread(org, row, parsed, classification, manager);
    // Not a letter's: perhaps a feature's address, which takes it (and it is not kept).
    if (!letter) {
      const taken = await this.addressed.take(messageId, org, row, parsed, classification, now, manager);
      if (taken) return taken;
    }
    const sender = checkSender(parsed, targetAddresses, this.trustedAuthservIds);

    for (const a of attachments)
      await manager.query(
        `INSERT INTO inbound_attachments (id, organization_id, message_id, file_name, content_type, size, content_id, data)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [a.id, org, messageId, a.fileName, a.contentType, a.data.length, a.contentId, a.data],
      );
    if (dropped > 0) this.logger.warn({ msg: 'attachments over the limits not kept', messageId, dropped });

    const outcome = letter
      ? await this.effects.apply(
          {
            organisationId: org,
            messageId,
            kind: classification.kind,
            letter,
            recipients: classification.recipients,
            reason: classification.reason,
            fromAddress: parsed.from?.address ?? null,
            now,
          },
          manager,
        )
      : null;
    const bounce =
      classification.kind === 'bounce'
        ? (outcome?.summary ??
          classification.recipients.find((r) => r.bounceClass === summaryClass(classification.recipients)) ??
          null)
        : null;
    await manager.query(
      `UPDATE inbound_messages SET status = 'processed', ${basicSet}, kind = $9, letter_id = $10, target_id = $11,
              action_id = $12, threaded_by = $13, sender_verified = $14, sender_check = $15, body_text = $16,
              body_html = $17, reply_text = $18, bounce_class = $19, bounce_status = $20, bounce_recipient = $21,
              needs_review = $22
        WHERE id = $1`,
      [
        ...basicParams,
        classification.kind,
        letter?.id ?? null,
        letter?.targetId ?? null,
        letter?.actionId ?? null,
        threadedBy,
        sender.senderVerified,
        sender.senderCheck,
        bodies.text,
        bodies.html,
        bodies.replyText,
        classification.kind === 'bounce' ? (bounce?.bounceClass ?? 'unknown') : null,
        bounce?.status ?? null,
        bounce?.recipient ?? null,
        classification.needsReview || (outcome?.attributedToLetterAddress ?? false),
      ],
    );
    this.logger.log({
      msg: 'inbound message processed',
      messageId,
      kind: classification.kind,
      reason: classification.reason,
      threadedBy,
      bounceClass: bounce?.bounceClass,
    });
    return 'processed';
  }

  private async markDuplicate(
    messageId: string,
    { parsed, key }: Analysed,
    manager: EntityManager,
  ): Promise<ProcessOutcome> {
    await manager.query(
      `UPDATE inbound_messages SET status = 'duplicate', message_id_header = $2, dedupe_key = $3, from_address = $4,
              subject = $5, processed_at = $6
        WHERE id = $1 AND status = 'received'`,
      [messageId, parsed.messageId, key, parsed.from?.address ?? null, parsed.subject, this.clock.now()],
    );
    return 'duplicate';
  }

  /**
   * The letter, in this order: the envelope recipient's token (verified by the receiver, or here), a token in
   * Delivered-To / X-Original-To / To / Cc, In-Reply-To / References against letters' Message-IDs, and for bounces
   * the returned message's Message-ID or Reply-To. Only the message's own organisation's letters; else triage.
   */
  private async thread(
    org: string,
    row: InboundRow,
    parsed: ParsedMessage,
    classification: Classification,
    manager: EntityManager,
  ): Promise<{ letter: ThreadedLetter | null; threadedBy: ThreadedBy | null; targetAddresses: string[] }> {
    const domain = this.addresses.domain;
    // A revoked reply address threads nothing (its bounce address still does: bounces are Rally's own business).
    const verify = async (tokens: ReturnType<typeof letterTokens>): Promise<string[]> => {
      const found = tokens.flatMap((t) => {
        const id = this.addresses.verify(t.purpose, t.token);
        return id ? [{ id, purpose: t.purpose }] : [];
      });
      const replies = found.filter((f) => f.purpose === 'reply').map((f) => f.id);
      const revoked = replies.length
        ? new Set(
            (
              await sqlRows<{ letter_id: string }>(
                manager,
                `SELECT letter_id FROM reply_address_revocations WHERE organization_id = $1 AND letter_id = ANY($2::uuid[])`,
                [org, replies],
              )
            ).map((r) => r.letter_id),
          )
        : new Set<string>();
      return found.filter((f) => f.purpose !== 'reply' || !revoked.has(f.id)).map((f) => f.id);
    };
    const steps: [ThreadedBy, () => Promise<string[]> | string[]][] = [
      [
        'token',
        async () => [
          ...(row.token_letter_id ? [row.token_letter_id] : []),
          ...(await verify(letterTokens(row.envelope_to, domain))),
        ],
      ],
      ['recipient-header', () => verify(letterTokens(recipientHeaderAddresses(parsed), domain))],
      ['in-reply-to', () => this.lettersByMessageId(org, referencedMessageIds(parsed), manager)],
    ];
    if (classification.kind === 'bounce') {
      const returned = returnedMessageId(parsed);
      steps.push(['in-reply-to', () => this.lettersByMessageId(org, returned ? [returned] : [], manager)]);
      steps.push(['recipient-header', () => verify(letterTokens(returnedAddresses(parsed), domain))]);
    }
    for (const [threadedBy, candidates] of steps) {
      const ids = [...new Set(await candidates())];
      if (ids.length === 0) continue;
      // The target's addresses come with the letter (the sender check needs them): one round trip, not two.
      const found = await sqlRows<LetterRow>(
        manager,
        `SELECT l.id, l.target_id, l.action_id, l.target_email_id, l.address_normalized, l.status,
                ARRAY(SELECT e.address_normalized FROM target_emails e
                       WHERE e.organization_id = l.organization_id AND e.target_id = l.target_id) AS target_addresses
           FROM letters l WHERE l.organization_id = $1 AND l.id = ANY($2::uuid[])`,
        [org, ids],
      );
      const letter = ids.map((id) => found.find((l) => l.id === id)).find((l) => l !== undefined);
      if (letter)
        return {
          threadedBy,
          targetAddresses: letter.target_addresses,
          letter: {
            id: letter.id,
            targetId: letter.target_id,
            actionId: letter.action_id,
            targetEmailId: letter.target_email_id,
            addressNormalized: letter.address_normalized,
            status: letter.status,
          },
        };
    }
    return { letter: null, threadedBy: null, targetAddresses: [] };
  }

  private async lettersByMessageId(org: string, messageIds: string[], manager: EntityManager): Promise<string[]> {
    if (messageIds.length === 0) return [];
    const rows = await sqlRows<{ id: string; message_id: string }>(
      manager,
      `SELECT id, message_id FROM letters WHERE organization_id = $1 AND message_id = ANY($2::text[])`,
      [org, messageIds],
    );
    // In the order the message gave them: In-Reply-To before older References.
    return messageIds.flatMap((m) => rows.filter((r) => r.message_id === m).map((r) => r.id));
  }

  private bodies(
    parsed: ParsedMessage,
    cidUrl: (cid: string) => string | null,
  ): { text: string | null; html: string | null; replyText: string | null } {
    const rawHtml = parsed.html && parsed.html.length <= MAX_HTML_CHARS ? parsed.html : null;
    const text = parsed.text ?? (rawHtml ? htmlToText(rawHtml) : null);
    const html = rawHtml ? sanitiseHtml(rawHtml, cidUrl).trim() : null;
    const replyText =
      rawHtml && (parsed.text === null || HTML_QUOTE_MARKERS.test(rawHtml))
        ? replyTextFromHtml(rawHtml)
        : text !== null
          ? stripQuotedText(text)
          : null;
    return { text, html, replyText };
  }
}

interface Analysed {
  parsed: ParsedMessage;
  key: string;
  classification: Classification;
  bodies: { text: string | null; html: string | null; replyText: string | null };
  attachments: (KeptAttachment & { id: string })[];
  dropped: number;
}

interface InboundRow {
  organization_id: string;
  status: string;
  envelope_from: string | null;
  envelope_to: string[];
  token_letter_id: string | null;
}

/** Where the api will serve an inbound attachment (the `cid:` images of stored HTML point here). */
export function inboundAttachmentPath(orgSlug: string, messageId: string, attachmentId: string): string {
  return `/api/orgs/${encodeURIComponent(orgSlug)}/inbound/messages/${messageId}/attachments/${attachmentId}`;
}
