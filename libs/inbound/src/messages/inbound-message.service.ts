import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthContext, OrgScope } from '#rally/access';
import { AuditLog } from '#rally/access';
import { Clock, NotFoundError, sqlOne, sqlRow, sqlRows } from '#rally/core';
import type {
  InboundAlertResponse,
  InboundAttachmentResponse,
  InboundMessageResponse,
  InboundMessageSummaryResponse,
} from '../dto/inbound-message.dto.js';
import type { InboundKind } from '../entities/inbound-message.entity.js';
import { InboundReplyHooks } from '../effects/reply-hooks.js';

interface MessageRow {
  id: string;
  status: InboundMessageSummaryResponse['status'];
  kind: InboundMessageSummaryResponse['kind'];
  from_address: string | null;
  from_name: string | null;
  subject: string | null;
  sender_verified: boolean;
  letter_id: string | null;
  target_id: string | null;
  action_id: string | null;
  threaded_by: InboundMessageSummaryResponse['threadedBy'];
  bounce_class: InboundMessageSummaryResponse['bounceClass'];
  bounce_status: string | null;
  needs_review: boolean;
  preview: string | null;
  received_at: Date;
}

const SUMMARY = `id, status, kind, from_address, from_name, subject, sender_verified, letter_id, target_id, action_id,
  threaded_by, bounce_class, bounce_status, needs_review, left(coalesce(reply_text, body_text, ''), 240) AS preview,
  received_at`;

const toSummary = (r: MessageRow): InboundMessageSummaryResponse => ({
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
  preview: r.preview ?? '',
  receivedAt: r.received_at.toISOString(),
});

/** An img src the processor wrote for a cid: picture (inboundAttachmentPath): the message and attachment ids. */
const ATTACHMENT_SRC =
  /src="(\/api\/orgs\/[^/"]+\/inbound\/messages\/([0-9a-f-]{36})\/attachments\/([0-9a-f-]{36}))"/gi;
// The picture types the attachment route serves as themselves: the same four.
const INLINE_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

/** What coordinators read of inbound mail: replies threaded to letters, the triage queue, attachments, alerts. */
@Injectable()
export class InboundMessageService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly replyHooks: InboundReplyHooks,
  ) {}

  async list(
    scope: OrgScope,
    q: {
      kind?: InboundKind;
      letterId?: string;
      targetId?: string;
      actionId?: string;
      triage?: boolean;
      limit: number;
      offset: number;
    },
  ): Promise<{ items: InboundMessageSummaryResponse[]; total: number }> {
    // Still being received or processed: not shown yet. Loops and duplicates never are.
    const where = [`organization_id = $1`, `status IN ('processed', 'failed')`, `coalesce(kind, '') <> 'loop'`];
    const params: unknown[] = [scope.organisationId];
    if (q.kind) where.push(`kind = $${params.push(q.kind)}`);
    if (q.letterId) where.push(`letter_id = $${params.push(q.letterId)}`);
    if (q.targetId) where.push(`target_id = $${params.push(q.targetId)}`);
    if (q.actionId) where.push(`action_id = $${params.push(q.actionId)}`);
    if (q.triage) where.push(`letter_id IS NULL`);
    const clause = where.join(' AND ');
    const { total } = await sqlOne<{ total: number }>(
      this.db,
      `SELECT count(*)::int AS total FROM inbound_messages WHERE ${clause}`,
      params,
    );
    const rows = await sqlRows<MessageRow>(
      this.db,
      `SELECT ${SUMMARY} FROM inbound_messages WHERE ${clause} ORDER BY received_at DESC, id
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.limit, q.offset],
    );
    return { items: rows.map(toSummary), total };
  }

  async get(scope: OrgScope, id: string): Promise<InboundMessageResponse> {
    const row = await sqlRow<
      MessageRow & {
        body_text: string | null;
        reply_text: string | null;
        body_html: string | null;
        failure: string | null;
      }
    >(
      this.db,
      `SELECT ${SUMMARY}, body_text, reply_text, body_html, failure FROM inbound_messages
        WHERE organization_id = $1 AND id = $2 AND status IN ('processed', 'failed')`,
      [scope.organisationId, id],
    );
    if (!row) throw new NotFoundError('Inbound message');
    const attachments = await sqlRows<{ id: string; file_name: string; content_type: string; size: number }>(
      this.db,
      `SELECT id, file_name, content_type, size FROM inbound_attachments
        WHERE organization_id = $1 AND message_id = $2 ORDER BY file_name, id`,
      [scope.organisationId, id],
    );
    return {
      ...toSummary(row),
      bodyText: row.body_text,
      replyText: row.reply_text,
      bodyHtml: row.body_html,
      failure: row.failure,
      attachments: attachments.map((a): InboundAttachmentResponse => ({
        id: a.id,
        fileName: a.file_name,
        contentType: a.content_type,
        size: a.size,
      })),
    };
  }

  /**
   * The sanitised HTML part with its own pictures inlined as data: URLs. The console's frame is sandboxed (an opaque
   * origin): Chromium refuses it the attachment route (its same-site resource policy, and no SameSite=Lax cookie is
   * sent), so the pictures travel inside the page. Only this message's images are inlined; any other src stays and
   * the frame's CSP (img-src data:) refuses it. A message without HTML answers 404.
   */
  async html(scope: OrgScope, id: string): Promise<string> {
    const row = await sqlRow<{ body_html: string | null }>(
      this.db,
      `SELECT body_html FROM inbound_messages
        WHERE organization_id = $1 AND id = $2 AND status IN ('processed', 'failed') AND body_html IS NOT NULL`,
      [scope.organisationId, id],
    );
    if (!row?.body_html) throw new NotFoundError('HTML part');
    const cited = new Set(
      [...row.body_html.matchAll(ATTACHMENT_SRC)].filter((m) => m[2] === id).map((m) => m[3]!.toLowerCase()),
    );
    if (cited.size === 0) return row.body_html;
    const images = await sqlRows<{ id: string; content_type: string; data: Buffer }>(
      this.db,
      `SELECT id, content_type, data FROM inbound_attachments
        WHERE organization_id = $1 AND message_id = $2 AND id = ANY($3::uuid[]) AND content_type = ANY($4)`,
      [scope.organisationId, id, [...cited], INLINE_IMAGE_TYPES],
    );
    const inline = new Map(images.map((i) => [i.id, `data:${i.content_type};base64,${i.data.toString('base64')}`]));
    return row.body_html.replace(ATTACHMENT_SRC, (whole, _path: string, messageId: string, attachmentId: string) => {
      const data = messageId === id ? inline.get(attachmentId.toLowerCase()) : undefined;
      return data ? `src="${data}"` : whole;
    });
  }

  async attachment(
    scope: OrgScope,
    messageId: string,
    attachmentId: string,
  ): Promise<{ fileName: string; contentType: string; data: Buffer }> {
    const row = await sqlRow<{ file_name: string; content_type: string; data: Buffer }>(
      this.db,
      `SELECT file_name, content_type, data FROM inbound_attachments
        WHERE organization_id = $1 AND message_id = $2 AND id = $3`,
      [scope.organisationId, messageId, attachmentId],
    );
    if (!row) throw new NotFoundError('Attachment');
    return { fileName: row.file_name, contentType: row.content_type, data: row.data };
  }

  /** Triage: ties unmatched mail to a letter of the organisation, and records the reply on the letter. */
  async thread(auth: AuthContext, messageId: string, letterId: string): Promise<InboundMessageResponse> {
    await this.db.transaction(async (manager) => {
      const letter = await sqlRow<{ target_id: string; action_id: string }>(
        manager,
        `SELECT target_id, action_id FROM letters WHERE organization_id = $1 AND id = $2`,
        [auth.organisationId, letterId],
      );
      if (!letter) throw new NotFoundError('Letter');
      const message = await sqlRow<{ kind: InboundKind | null }>(
        manager,
        `UPDATE inbound_messages SET letter_id = $3, target_id = $4, action_id = $5, threaded_by = 'staff'
          WHERE organization_id = $1 AND id = $2 AND letter_id IS NULL AND status IN ('processed', 'failed')
          RETURNING kind`,
        [auth.organisationId, messageId, letterId, letter.target_id, letter.action_id],
      );
      if (!message) throw new NotFoundError('Inbound message');
      if (message.kind === 'reply' || message.kind === 'auto-reply')
        await manager.query(
          `INSERT INTO letter_events (organization_id, letter_id, kind, inbound_message_id, detail, at)
           VALUES ($1, $2, $3, $4, 'tied by staff', $5)`,
          [
            auth.organisationId,
            letterId,
            message.kind === 'reply' ? 'reply' : 'auto-acknowledged',
            messageId,
            this.clock.now(),
          ],
        );
      if (message.kind === 'reply')
        await this.replyHooks.run(
          {
            organisationId: auth.organisationId,
            messageId,
            letterId,
            targetId: letter.target_id,
            actionId: letter.action_id,
          },
          manager,
        );
      await this.audit.record(
        auth,
        { action: 'inbound.thread', objectType: 'inbound-message', objectId: messageId, details: { letterId } },
        manager,
      );
    });
    return this.get(auth, messageId);
  }

  /** Alerts, those nobody acknowledged first, each with the address and target it is about when it names one. */
  async alerts(
    scope: OrgScope,
    q: { open: boolean; limit: number; offset: number },
  ): Promise<{ items: InboundAlertResponse[]; total: number }> {
    const clause = `a.organization_id = $1${q.open ? ' AND a.acknowledged_at IS NULL' : ''}`;
    const { total } = await sqlOne<{ total: number }>(
      this.db,
      `SELECT count(*)::int AS total FROM inbound_alerts a WHERE ${clause}`,
      [scope.organisationId],
    );
    const rows = await sqlRows<{
      id: string;
      kind: InboundAlertResponse['kind'];
      target_email_id: string | null;
      address: string | null;
      target_id: string | null;
      target_name: string | null;
      domain: string | null;
      inbound_message_id: string | null;
      inbound_source_id: string | null;
      detail: string;
      created_at: Date;
      acknowledged_at: Date | null;
    }>(
      this.db,
      `SELECT a.id, a.kind, a.target_email_id, e.address, e.target_id, t.name AS target_name, a.domain,
              a.inbound_message_id, a.inbound_source_id, a.detail, a.created_at, a.acknowledged_at
         FROM inbound_alerts a
         LEFT JOIN target_emails e ON e.id = a.target_email_id AND e.organization_id = a.organization_id
         LEFT JOIN targets t ON t.id = e.target_id
        WHERE ${clause}
        ORDER BY a.acknowledged_at IS NULL DESC, a.created_at DESC, a.id LIMIT $2 OFFSET $3`,
      [scope.organisationId, q.limit, q.offset],
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        targetEmailId: r.target_email_id,
        address: r.address,
        targetId: r.target_id,
        targetName: r.target_name,
        domain: r.domain,
        inboundMessageId: r.inbound_message_id,
        inboundSourceId: r.inbound_source_id,
        detail: r.detail,
        createdAt: r.created_at.toISOString(),
        acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
      })),
      total,
    };
  }

  async acknowledge(auth: AuthContext, alertId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const row = await sqlRow<{ id: string }>(
        manager,
        `UPDATE inbound_alerts SET acknowledged_at = coalesce(acknowledged_at, $3)
          WHERE organization_id = $1 AND id = $2 RETURNING id`,
        [auth.organisationId, alertId, this.clock.now()],
      );
      if (!row) throw new NotFoundError('Alert');
      await this.audit.record(
        auth,
        { action: 'inbound.alert.acknowledge', objectType: 'inbound-alert', objectId: alertId },
        manager,
      );
    });
  }
}
