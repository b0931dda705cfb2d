import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '#rally/access';
import { Auth, IdPipe, RequirePermission, StaffApi } from '#rally/access';
import type { Page } from '#rally/core';
import { pageOf, PageSchema, pageWindow } from '#rally/core';
import {
  InboundAlertListQueryDto,
  InboundAlertResponse,
  InboundMessageListQueryDto,
  InboundMessageResponse,
  InboundMessageSummaryResponse,
  InboundThreadDto,
} from '../dto/inbound-message.dto.js';
import {
  InboundLetterChoiceQueryDto,
  InboundLetterChoiceResponse,
  InboundThreadListQueryDto,
  InboundThreadResponse,
} from '../dto/inbound-thread.dto.js';
import { InboundPermission } from '../inbound.permissions.js';
import { InboundMessageService } from './inbound-message.service.js';
import { InboundThreadService } from './inbound-thread.service.js';

const MESSAGE = new IdPipe('Inbound message');
const ATTACHMENT = new IdPipe('Attachment');
const ALERT = new IdPipe('Alert');

/** A file name safe in a Content-Disposition header: the cleaned name, quoted, with a UTF-8 form beside it. */
function disposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * The second wall around a reply's HTML (the sanitiser is the first): nothing loads but data: images (its cid:
 * pictures, inlined by the service), no script runs (CSP sandbox without allow-scripts, so even the frame's address
 * opened on its own is inert), links open only in a new, unsandboxed tab.
 */
const HTML_POLICY = [
  "default-src 'none'",
  'img-src data:',
  "style-src 'unsafe-inline'",
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  'sandbox allow-popups allow-popups-to-escape-sandbox',
].join('; ');

/** Replies, automatic answers and bounces for coordinators, the triage queue, attachments and alerts. */
@StaffApi('inbound')
@Controller('api/orgs/:orgSlug/inbound')
export class InboundMessageController {
  constructor(
    private readonly messages: InboundMessageService,
    private readonly threads: InboundThreadService,
  ) {}

  /** Replies by letter: each letter of the campaign, target or action that mail came back for, with that mail. */
  @Get('threads')
  @RequirePermission(InboundPermission.Read)
  @ApiOkResponse({ type: PageSchema(InboundThreadResponse) })
  async threadList(
    @Auth() auth: AuthContext,
    @Query() query: InboundThreadListQueryDto,
  ): Promise<Page<InboundThreadResponse>> {
    const window = pageWindow(query);
    const { items, total } = await this.threads.threads(auth, {
      campaignId: query.campaignId,
      targetId: query.targetId,
      actionId: query.actionId,
      ...window,
    });
    return pageOf(items, total, window);
  }

  /** Triage: the letters that went out, to find the one a message answers. */
  @Get('letter-choices')
  @RequirePermission(InboundPermission.Triage)
  @ApiOkResponse({ type: PageSchema(InboundLetterChoiceResponse) })
  async letterChoices(
    @Auth() auth: AuthContext,
    @Query() query: InboundLetterChoiceQueryDto,
  ): Promise<Page<InboundLetterChoiceResponse>> {
    const window = pageWindow(query);
    const { items, total } = await this.threads.letterChoices(auth, { q: query.q, ...window });
    return pageOf(items, total, window);
  }

  @Get('messages')
  @RequirePermission(InboundPermission.Read)
  @ApiOkResponse({ type: PageSchema(InboundMessageSummaryResponse) })
  async list(
    @Auth() auth: AuthContext,
    @Query() query: InboundMessageListQueryDto,
  ): Promise<Page<InboundMessageSummaryResponse>> {
    const window = pageWindow(query);
    const { items, total } = await this.messages.list(auth, {
      kind: query.kind,
      letterId: query.letterId,
      targetId: query.targetId,
      actionId: query.actionId,
      triage: query.triage,
      ...window,
    });
    return pageOf(items, total, window);
  }

  @Get('messages/:messageId')
  @RequirePermission(InboundPermission.Read)
  @ApiOkResponse({ type: InboundMessageResponse })
  get(@Auth() auth: AuthContext, @Param('messageId', MESSAGE) id: string): Promise<InboundMessageResponse> {
    return this.messages.get(auth, id);
  }

  /** The sanitised HTML part, for the console's sandboxed frame (its src); 404 when the message has none. */
  @Get('messages/:messageId/html')
  @RequirePermission(InboundPermission.Read)
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The HTML part, under a CSP that runs and loads nothing but its own pictures' })
  async html(
    @Auth() auth: AuthContext,
    @Param('messageId', MESSAGE) messageId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const html = await this.messages.html(auth, messageId);
    void reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', HTML_POLICY)
      .header('x-content-type-options', 'nosniff')
      // The console frames it (same origin); the API's own DENY would blank the frame.
      .header('x-frame-options', 'SAMEORIGIN')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'private, no-store')
      .send(`<!doctype html><html><head><meta charset="utf-8"></head><body>${html}</body></html>`);
  }

  /** Always a download (never shown inline by the browser, never sniffed), under its cleaned name. */
  @Get('messages/:messageId/attachments/:attachmentId')
  @RequirePermission(InboundPermission.Read)
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file' })
  async attachment(
    @Auth() auth: AuthContext,
    @Param('messageId', MESSAGE) messageId: string,
    @Param('attachmentId', ATTACHMENT) attachmentId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.messages.attachment(auth, messageId, attachmentId);
    const image = /^image\/(png|jpeg|gif|webp)$/.test(file.contentType);
    void reply
      // Images keep their type so a download opens as the picture it is; everything else is opaque bytes.
      .header('content-type', image ? file.contentType : 'application/octet-stream')
      .header('content-disposition', disposition(file.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, no-store')
      .send(file.data);
  }

  /** Triage: this unmatched mail answers that letter. */
  @Post('messages/:messageId/thread')
  @HttpCode(200)
  @RequirePermission(InboundPermission.Triage)
  @ApiOkResponse({ type: InboundMessageResponse })
  thread(
    @Auth() auth: AuthContext,
    @Param('messageId', MESSAGE) id: string,
    @Body() body: InboundThreadDto,
  ): Promise<InboundMessageResponse> {
    return this.messages.thread(auth, id, body.letterId);
  }

  @Get('alerts')
  @RequirePermission(InboundPermission.Read)
  @ApiOkResponse({ type: PageSchema(InboundAlertResponse) })
  async alerts(
    @Auth() auth: AuthContext,
    @Query() query: InboundAlertListQueryDto,
  ): Promise<Page<InboundAlertResponse>> {
    const window = pageWindow(query);
    const { items, total } = await this.messages.alerts(auth, { open: query.open ?? true, ...window });
    return pageOf(items, total, window);
  }

  @Post('alerts/:alertId/acknowledge')
  @HttpCode(204)
  @RequirePermission(InboundPermission.Triage)
  @ApiNoContentResponse({ description: 'Acknowledged' })
  async acknowledge(@Auth() auth: AuthContext, @Param('alertId', ALERT) id: string): Promise<void> {
    await this.messages.acknowledge(auth, id);
  }
}
