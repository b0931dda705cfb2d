import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { OrgScope } from '#rally/core';
import { Clock, InjectConfig, JobQueue } from '#rally/core';
import type { InboundChannel } from '../entities/inbound-message.entity.js';
import { InboundMessage } from '../entities/inbound-message.entity.js';
import type { InboundConfig } from '../inbound.config.js';
import { INBOUND_CONFIG } from '../inbound.config.js';
import { InboundMessageTooLargeError } from '../inbound.exception.js';
import { InboundJob } from '../inbound.jobs.js';

/** The size of one stored piece of the raw message (the column's documented bound). */
export const RAW_CHUNK_BYTES = 256 * 1024;

export interface InboundEnvelope {
  channel: InboundChannel;
  /** SMTP MAIL FROM; '' for the null sender of bounces; null when the way in has no envelope (webhook). */
  envelopeFrom: string | null;
  envelopeTo: string[];
  /** The letter the first recipient's token named, checked to belong to the organisation. */
  tokenLetterId: string | null;
}

export interface ReceiveOptions {
  /** Runs inside the transaction once the whole message is stored: throwing keeps nothing (a webhook's signature). */
  beforeCommit?: (size: number) => void | Promise<void>;
}

export interface ReceivedMessage {
  messageId: string;
  size: number;
}

/**
 * Stores one inbound message for an organisation, exactly as it arrived, then queues its processing. The raw
 * message goes to `inbound_message_chunks` in pieces of 256 KiB as the stream delivers them, so memory stays at
 * about two pieces per message whatever its size; the row and every piece commit together or not at all. A message
 * under one piece (nearly every reply: 2-50 KB) takes one short transaction; a larger one holds its transaction (a
 * pool connection) while it streams in.
 */
@Injectable()
export class InboundReceiver {
  private readonly logger = new Logger('InboundReceiver');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    @InjectConfig(INBOUND_CONFIG) private readonly config: InboundConfig,
  ) {}

  /**
   * Throws InboundMessageTooLargeError past INBOUND_MAX_BYTES, or the stream's own error (the sender went away):
   * nothing is kept either way. On a throw the rest of `raw` is left unread: the caller drains or destroys it.
   */
  async receive(
    scope: OrgScope,
    envelope: InboundEnvelope,
    raw: Readable,
    options: ReceiveOptions = {},
  ): Promise<ReceivedMessage> {
    const messageId = randomUUID();
    const pieces = new RawPieces(raw, this.config.maxBytes);
    let piece = await pieces.next();
    await this.db.transaction(async (manager) => {
      for (let seq = 0; piece; seq++, piece = await pieces.next())
        await manager.query(`INSERT INTO inbound_message_chunks (message_id, seq, data) VALUES ($1, $2, $3)`, [
          messageId,
          seq,
          piece,
        ]);
      await options.beforeCommit?.(pieces.bytes);
      await manager.getRepository(InboundMessage).insert({
        id: messageId,
        organisationId: scope.organisationId,
        channel: envelope.channel,
        status: 'received',
        envelopeFrom: envelope.envelopeFrom,
        envelopeTo: envelope.envelopeTo,
        size: pieces.bytes,
        tokenLetterId: envelope.tokenLetterId,
        receivedAt: this.clock.now(),
      });
    });
    await this.dispatch(messageId);
    return { messageId, size: pieces.bytes };
  }

  /**
   * After commit, so the job never reads a message that is not there. A queue outage is logged, not thrown: the
   * message is stored and stays `received`, where a re-enqueue of old `received` rows finds it.
   */
  private async dispatch(messageId: string): Promise<void> {
    try {
      await this.jobs.enqueue(InboundJob.Process, { messageId }, { jobId: messageId });
    } catch (error) {
      this.logger.warn({ msg: 'inbound enqueue failed; message kept as received', messageId, error: String(error) });
    }
  }
}

/** Reads a stream as pieces of exactly RAW_CHUNK_BYTES (the last one shorter), counting bytes against a limit. */
class RawPieces {
  bytes = 0;
  private readonly source: AsyncIterator<Buffer | string>;
  private carry: Buffer | null = null;
  private done = false;

  constructor(
    stream: Readable,
    private readonly maxBytes: number,
  ) {
    // Not destroyed when reading stops early: an SMTP client is still sending, and the server must read the rest
    // before it may answer 552.
    this.source = stream.iterator({ destroyOnReturn: false });
  }

  async next(): Promise<Buffer | null> {
    const piece = Buffer.allocUnsafe(RAW_CHUNK_BYTES);
    let filled = 0;
    for (;;) {
      if (this.carry) {
        const n = this.carry.copy(piece, filled);
        filled += n;
        this.carry = n < this.carry.length ? this.carry.subarray(n) : null;
        if (filled === RAW_CHUNK_BYTES) return piece;
      }
      if (this.done) return filled > 0 ? piece.subarray(0, filled) : null;
      const { value, done } = await this.source.next();
      if (done) {
        this.done = true;
        continue;
      }
      const chunk = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
      this.bytes += chunk.length;
      if (this.bytes > this.maxBytes) {
        await this.source.return?.();
        throw new InboundMessageTooLargeError(this.maxBytes);
      }
      this.carry = chunk;
    }
  }
}
