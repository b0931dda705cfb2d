import { Readable } from 'node:stream';
import {
  Controller,
  HttpCode,
  Logger,
  Param,
  PayloadTooLargeException,
  Post,
  Req,
  Res,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IdPipe } from '#rally/access';
import { Clock, InjectConfig, NotFoundError, Public } from '#rally/core';
import type { InboundConfig } from '../inbound.config.js';
import { INBOUND_CONFIG } from '../inbound.config.js';
import { InboundMessageTooLargeError } from '../inbound.exception.js';
import { InboundReceiver } from '../receiving/inbound-receiver.js';
import { InboundSourceService } from '../sources/inbound-source.service.js';
import { RAW_MIME_CONTENT_TYPES, RawMimeStreamBody } from './raw-mime-body.parser.js';
import { WebhookReplayGuard } from './webhook-signature.js';

const SOURCE = new IdPipe('Inbound source');

/**
 * Where a mail provider POSTs a message it received for the organisation, as raw MIME (`message/rfc822` or
 * `application/octet-stream`), signed with the source's secret. Checked before the body is read: the source
 * (unknown or disabled: 404), the headers, the timestamp's skew and replays (401); the signature itself once the
 * body has streamed into storage, before it commits (401 and nothing kept). Public, outside the staff API document.
 */
@ApiExcludeController()
@Public()
@Controller('inbound/webhooks')
export class InboundWebhookController {
  private readonly logger = new Logger('InboundWebhook');
  private readonly guard: WebhookReplayGuard;

  constructor(
    private readonly sources: InboundSourceService,
    private readonly receiver: InboundReceiver,
    private readonly clock: Clock,
    @InjectConfig(INBOUND_CONFIG) private readonly config: InboundConfig,
  ) {
    this.guard = new WebhookReplayGuard(config.webhookMaxSkewSeconds);
  }

  @Post(':sourceId')
  @HttpCode(200)
  @RawMimeStreamBody()
  async receive(
    @Param('sourceId', SOURCE) sourceId: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ id: string; size: number }> {
    const source = await this.sources.webhookSecret(sourceId);
    if (!source) throw new NotFoundError('Inbound source');
    const verifier = this.guard.begin(
      sourceId,
      source.secret,
      request.headers['x-rally-timestamp'],
      request.headers['x-rally-signature'],
      this.clock.now().getTime(),
    );
    if (!(request.body instanceof Readable))
      throw new UnsupportedMediaTypeException(
        `Send the raw message as the body with content-type: ${RAW_MIME_CONTENT_TYPES.join(' or ')}`,
      );
    // The rest of an oversized or refused body is not read: the connection closes after the answer.
    const tooLarge = (): PayloadTooLargeException => (
      void reply.header('connection', 'close'),
      new PayloadTooLargeException(`The message is larger than ${this.config.maxBytes} bytes`)
    );
    if (Number(request.headers['content-length'] ?? 0) > this.config.maxBytes) throw tooLarge();
    try {
      const stored = await this.receiver.receive(
        { organisationId: source.organisationId },
        { channel: 'webhook', envelopeFrom: null, envelopeTo: [], tokenLetterId: null },
        verifier.through(request.body),
        { beforeCommit: () => verifier.verify() },
      );
      this.logger.log({
        msg: 'inbound message',
        channel: 'webhook',
        outcome: 'stored',
        messageId: stored.messageId,
        organisationId: source.organisationId,
        sourceId,
        bytes: stored.size,
      });
      return { id: stored.messageId, size: stored.size };
    } catch (error) {
      void reply.header('connection', 'close');
      if (error instanceof InboundMessageTooLargeError) throw tooLarge();
      throw error;
    }
  }
}
