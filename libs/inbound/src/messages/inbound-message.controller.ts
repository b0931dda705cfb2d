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
import { InboundPermission } from '../inbound.permissions.js';
import { InboundMessageService } from './inbound-message.service.js';

const MESSAGE = new IdPipe('Inbound message');
const ATTACHMENT = new IdPipe('Attachment');
const ALERT = new IdPipe('Alert');

/** A file name safe in a Content-Disposition header: the cleaned name, quoted, with a UTF-8 form beside it. */
function disposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Replies, automatic answers and bounces for coordinators, the triage queue, attachments and alerts. */
@StaffApi('inbound')
@Controller('api/orgs/:orgSlug/inbound')
export class InboundMessageController {
  constructor(private readonly messages: InboundMessageService) {}

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
      // Images keep their type so a cid: picture shows in the sandboxed frame; everything else is opaque bytes.
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
