import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse } from '@nestjs/swagger';
import type { AuthContext } from '#rally/access';
import { Auth, IdPipe, RequirePermission, StaffApi } from '#rally/access';
import type { Page, RallyConfig } from '#rally/core';
import { InjectConfig, pageOf, PageSchema, pageWindow } from '#rally/core';
import {
  InboundImapPollResponse,
  InboundImapSourceCreateDto,
  InboundImapTestResponse,
  InboundSourceCreateDto,
  InboundSourceUpdateDto,
  InboundSourceListQueryDto,
  InboundSourceResponse,
  InboundSourceSecretResponse,
  toInboundSourceResponse,
} from '../dto/inbound-source.dto.js';
import type { InboundSource } from '../entities/inbound-source.entity.js';
import { InboundPermission } from '../inbound.permissions.js';
import { InboundSourceService } from './inbound-source.service.js';

const SOURCE = new IdPipe('Inbound source');

/**
 * An organisation's provider webhooks (create: the secret shown once; rotate) and IMAP mailboxes (create and update:
 * the password write-only; test the connection; poll now); for both: update, disable, enable, delete.
 */
@StaffApi('inbound')
@Controller('api/orgs/:orgSlug/inbound-sources')
export class InboundSourceController {
  constructor(
    private readonly sources: InboundSourceService,
    @InjectConfig() private readonly config: RallyConfig,
  ) {}

  @Get()
  @RequirePermission(InboundPermission.Sources)
  @ApiOkResponse({ type: PageSchema(InboundSourceResponse) })
  async list(
    @Auth() auth: AuthContext,
    @Query() query: InboundSourceListQueryDto,
  ): Promise<Page<InboundSourceResponse>> {
    const window = pageWindow(query);
    const { items, total } = await this.sources.list(auth, { kind: query.kind, ...window });
    return pageOf(
      items.map((s) => this.view(s)),
      total,
      window,
    );
  }

  /** The answer carries the signing secret, once: Rally keeps it sealed and never shows it again. */
  @Post()
  @RequirePermission(InboundPermission.Sources)
  @ApiCreatedResponse({ type: InboundSourceSecretResponse })
  async create(@Auth() auth: AuthContext, @Body() body: InboundSourceCreateDto): Promise<InboundSourceSecretResponse> {
    const { source, secret } = await this.sources.create(auth, body);
    return { source: this.view(source), secret };
  }

  /** An IMAP mailbox Rally polls. The password is sealed and never shown again; the answer says one is set. */
  @Post('imap')
  @RequirePermission(InboundPermission.Sources)
  @ApiCreatedResponse({ type: InboundSourceResponse })
  async createImap(
    @Auth() auth: AuthContext,
    @Body() body: InboundImapSourceCreateDto,
  ): Promise<InboundSourceResponse> {
    return this.view(await this.sources.createImap(auth, body));
  }

  /** Any field; without a password the stored one is kept. A webhook source takes only name and enabled. */
  @Patch(':sourceId')
  @RequirePermission(InboundPermission.Sources)
  @ApiOkResponse({ type: InboundSourceResponse })
  async update(
    @Auth() auth: AuthContext,
    @Param('sourceId', SOURCE) id: string,
    @Body() body: InboundSourceUpdateDto,
  ): Promise<InboundSourceResponse> {
    return this.view(await this.sources.update(auth, id, body));
  }

  /** Connects and opens the folder with the stored settings, taking nothing: 200 either way, with the reason. */
  @Post(':sourceId/test-connection')
  @HttpCode(200)
  @RequirePermission(InboundPermission.Sources)
  @ApiOkResponse({ type: InboundImapTestResponse })
  async testConnection(
    @Auth() auth: AuthContext,
    @Param('sourceId', SOURCE) id: string,
  ): Promise<InboundImapTestResponse> {
    return this.sources.testConnection(auth, id);
  }

  /** Queues a poll of the mailbox at once, backoff or not; lastPolledAt and lastError tell how it went. */
  @Post(':sourceId/poll')
  @HttpCode(202)
  @RequirePermission(InboundPermission.Sources)
  @ApiAcceptedResponse({ type: InboundImapPollResponse })
  async poll(@Auth() auth: AuthContext, @Param('sourceId', SOURCE) id: string): Promise<InboundImapPollResponse> {
    await this.sources.pollNow(auth, id);
    return { queued: true };
  }

  @Get(':sourceId')
  @RequirePermission(InboundPermission.Sources)
  @ApiOkResponse({ type: InboundSourceResponse })
  async get(@Auth() auth: AuthContext, @Param('sourceId', SOURCE) id: string): Promise<InboundSourceResponse> {
    return this.view(await this.sources.get(auth, id));
  }

  /** A new secret, shown once; the old one is refused from now on. */
  @Post(':sourceId/rotate-secret')
  @HttpCode(200)
  @RequirePermission(InboundPermission.Sources)
  @ApiOkResponse({ type: InboundSourceSecretResponse })
  async rotate(@Auth() auth: AuthContext, @Param('sourceId', SOURCE) id: string): Promise<InboundSourceSecretResponse> {
    const { source, secret } = await this.sources.rotateSecret(auth, id);
    return { source: this.view(source), secret };
  }

  /** Requests to a disabled webhook answer 404; its secret is kept for enabling it again. */
  @Post(':sourceId/disable')
  @HttpCode(200)
  @RequirePermission(InboundPermission.Sources)
  @ApiOkResponse({ type: InboundSourceResponse })
  async disable(@Auth() auth: AuthContext, @Param('sourceId', SOURCE) id: string): Promise<InboundSourceResponse> {
    return this.view(await this.sources.setEnabled(auth, id, false));
  }

  @Post(':sourceId/enable')
  @HttpCode(200)
  @RequirePermission(InboundPermission.Sources)
  @ApiOkResponse({ type: InboundSourceResponse })
  async enable(@Auth() auth: AuthContext, @Param('sourceId', SOURCE) id: string): Promise<InboundSourceResponse> {
    return this.view(await this.sources.setEnabled(auth, id, true));
  }

  /** Messages received through it are kept. */
  @Delete(':sourceId')
  @HttpCode(204)
  @RequirePermission(InboundPermission.Sources)
  @ApiNoContentResponse({ description: 'Deleted; messages received through it are kept' })
  async remove(@Auth() auth: AuthContext, @Param('sourceId', SOURCE) id: string): Promise<void> {
    await this.sources.remove(auth, id);
  }

  private view(source: InboundSource): InboundSourceResponse {
    return toInboundSourceResponse(source, this.config.http.publicUrl);
  }
}
