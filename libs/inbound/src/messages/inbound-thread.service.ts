import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { OrgScope } from '#rally/access';
import { escapeLike, sqlOne, sqlRows } from '#rally/core';
import type { InboundMessageSummaryResponse } from '../dto/inbound-message.dto.js';
import type {
  InboundLetterChoiceResponse,
  InboundThreadLetterResponse,
  InboundThreadMessageResponse,
  InboundThreadResponse,
} from '../dto/inbound-thread.dto.js';

interface LetterRow {
  id: string;
  subject: string;
  target_id: string;
  target_name: string;
  recipient: string;
  action_id: string;
  action_title: string;
  sent_at: Date | null;
  reply_address_revoked: boolean;
}

const LETTER = `l.id, l.subject, l.target_id, t.name AS target_name, l.recipient, l.action_id, a.title AS action_title,
  o.sent_at, EXISTS (SELECT 1 FROM reply_address_revocations r WHERE r.letter_id = l.id) AS reply_address_revoked`;
const LETTER_FROM = `letters l JOIN targets t ON t.id = l.target_id JOIN letter_actions a ON a.id = l.action_id
  LEFT JOIN mail_outbox o ON o.id = l.outbox_id`;

const toLetter = (r: LetterRow): InboundThreadLetterResponse => ({
  id: r.id,
  subject: r.subject,
  targetId: r.target_id,
  targetName: r.target_name,
  recipient: r.recipient,
  actionId: r.action_id,
  actionTitle: r.action_title,
  sentAt: r.sent_at?.toISOString() ?? null,
  replyAddressRevoked: r.reply_address_revoked,
});

interface ThreadMessageRow {
  id: string;
  status: InboundMessageSummaryResponse['status'];
  kind: InboundMessageSummaryResponse['kind'];
  from_address: string | null;
  from_name: string | null;
  subject: string | null;
  sender_verified: boolean;
  letter_id: string;
  target_id: string | null;
  action_id: string | null;
  threaded_by: InboundMessageSummaryResponse['threadedBy'];
  bounce_class: InboundMessageSummaryResponse['bounceClass'];
  bounce_status: string | null;
  needs_review: boolean;
  reply_text: string;
  quoted: boolean;
  has_html: boolean;
  attachment_count: number;
  received_at: Date;
}

// What staff see: processed (or kept though unparseable), never loops; the same rule as the message list.
const SHOWN = `m.status IN ('processed', 'failed') AND coalesce(m.kind, '') <> 'loop'`;

/** The reply lists of a campaign, a target or an action: letters with what came back for each, as threads. */
@Injectable()
export class InboundThreadService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async threads(
    scope: OrgScope,
    q: { campaignId?: string; targetId?: string; actionId?: string; limit: number; offset: number },
  ): Promise<{ items: InboundThreadResponse[]; total: number }> {
    const where = [`m.organization_id = $1`, `m.letter_id IS NOT NULL`, SHOWN];
    const params: unknown[] = [scope.organisationId];
    if (q.targetId) where.push(`m.target_id = $${params.push(q.targetId)}`);
    if (q.actionId) where.push(`m.action_id = $${params.push(q.actionId)}`);
    if (q.campaignId)
      where.push(
        `m.action_id IN (SELECT id FROM letter_actions WHERE organization_id = $1 AND campaign_id = $${params.push(q.campaignId)})`,
      );
    // Letters whose latest mail came last first: the thread that just moved is the one a coordinator looks for.
    const threads = `SELECT m.letter_id, max(m.received_at) AS last_at FROM inbound_messages m
      WHERE ${where.join(' AND ')} GROUP BY m.letter_id`;
    const { total } = await sqlOne<{ total: number }>(
      this.db,
      `SELECT count(*)::int AS total FROM (${threads}) x`,
      params,
    );
    const letters = await sqlRows<LetterRow & { last_at: Date }>(
      this.db,
      `SELECT ${LETTER}, x.last_at FROM (${threads}) x JOIN ${LETTER_FROM} ON l.id = x.letter_id
        WHERE l.organization_id = $1 ORDER BY x.last_at DESC, l.id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.limit, q.offset],
    );
    if (letters.length === 0) return { items: [], total };
    const messages = await sqlRows<ThreadMessageRow>(
      this.db,
      `SELECT m.id, m.status, m.kind, m.from_address, m.from_name, m.subject, m.sender_verified, m.letter_id,
              m.target_id, m.action_id, m.threaded_by, m.bounce_class, m.bounce_status, m.needs_review,
              coalesce(m.reply_text, m.body_text, '') AS reply_text,
              coalesce(m.body_text, '') <> coalesce(m.reply_text, m.body_text, '') AS quoted,
              m.body_html IS NOT NULL AS has_html,
              (SELECT count(*)::int FROM inbound_attachments x WHERE x.message_id = m.id) AS attachment_count,
              m.received_at
         FROM inbound_messages m
        WHERE m.organization_id = $1 AND m.letter_id = ANY($2::uuid[]) AND ${SHOWN}
        ORDER BY m.received_at, m.id`,
      [scope.organisationId, letters.map((l) => l.id)],
    );
    return {
      items: letters.map((l) => ({
        letter: toLetter(l),
        messages: messages.filter((m) => m.letter_id === l.id).map(toThreadMessage),
        lastReceivedAt: l.last_at.toISOString(),
      })),
      total,
    };
  }

  /** Letters that went out, newest first, for tying triaged mail to one; `q` matches subject, target, address, action. */
  async letterChoices(
    scope: OrgScope,
    q: { q?: string; limit: number; offset: number },
  ): Promise<{ items: InboundLetterChoiceResponse[]; total: number }> {
    const where = [`l.organization_id = $1`, `l.handed_at IS NOT NULL`];
    const params: unknown[] = [scope.organisationId];
    const words = q.q?.trim();
    if (words) {
      const p = `$${params.push(`%${escapeLike(words)}%`)}`;
      where.push(`(l.subject ILIKE ${p} OR t.name ILIKE ${p} OR l.recipient ILIKE ${p} OR a.title ILIKE ${p})`);
    }
    const clause = where.join(' AND ');
    const { total } = await sqlOne<{ total: number }>(
      this.db,
      `SELECT count(*)::int AS total FROM ${LETTER_FROM} WHERE ${clause}`,
      params,
    );
    const rows = await sqlRows<LetterRow>(
      this.db,
      `SELECT ${LETTER} FROM ${LETTER_FROM} WHERE ${clause} ORDER BY l.handed_at DESC, l.id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.limit, q.offset],
    );
    return { items: rows.map(toLetter), total };
  }
}

const toThreadMessage = (r: ThreadMessageRow): InboundThreadMessageResponse => ({
  id: r.id,
  status: r.status,
  kind: r.kind,
  fromAddress: r.from_address,
  fromName: r.from_name,
  subject: r.subject,
  senderVerified: r.sender_verified,
  letterId: r.letter_id,
  targetId: r.target_id,
  actionId: r.action_id,
  threadedBy: r.threaded_by,
  bounceClass: r.bounce_class,
  bounceStatus: r.bounce_status,
  needsReview: r.needs_review,
  preview: r.reply_text.slice(0, 240),
  receivedAt: r.received_at.toISOString(),
  replyText: r.reply_text,
  quoted: r.quoted,
  hasHtml: r.has_html,
  attachmentCount: r.attachment_count,
});
