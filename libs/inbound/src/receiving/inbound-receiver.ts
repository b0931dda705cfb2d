import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { OrgScope } from '#rally/core';
import { Clock, InjectConfig, JobQueue } from '#rally/core';
import type { InboundChannel } from '../entities/inbound-message.entity.js';
import type { InboundConfig } from '../inbound.config.js';
import { INBOUND_CONFIG } from '../inbound.config.js';
import { InboundMessageTooLargeError } from '../inbound.exception.js';
import { InboundJob } from '../inbound.jobs.js';

/** The size of one stored piece of the raw message (the column's documented bound). */
export const RAW_CHUNK_BYTES = 256 * 1024;
/** Up to this much of a piece is held as the stream's own chunks (see RawPieces.next). */
const GATHER_BYTES = 64 * 1024;

const INSERT_MESSAGE = `INSERT INTO inbound_messages (id, organization_id, channel, status, envelope_from, envelope_to, size,
    token_letter_id, received_at) VALUES ($1, $2, $3, 'received', $4, $5, $6, $7, $8)`;

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
 * under one piece (nearly every reply: 2-50 KB) takes one statement; a larger one holds its transaction (a
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
    const row = (size: number) => [
      messageId,
      scope.organisationId,
      envelope.channel,
      envelope.envelopeFrom,
      envelope.envelopeTo,
      size,
      envelope.tokenLetterId,
      this.clock.now(),
    ];
    if (!options.beforeCommit && (piece === null || piece.length < RAW_CHUNK_BYTES)) {
      // The whole message is one piece (nearly every reply): the row and its piece in one statement, one round
      // trip instead of four (BEGIN, two INSERTs, COMMIT). bench/inbound.mjs: the inbound process spent most of its
      // CPU per message in socket writes to PostgreSQL.
      await this.db.query(
        `WITH piece AS (
           INSERT INTO inbound_message_chunks (message_id, seq, data) SELECT $1, 0, $9::bytea WHERE $9::bytea IS NOT NULL)
         ${INSERT_MESSAGE}`,
        [...row(pieces.bytes), piece],
      );
    } else
      await this.db.transaction(async (manager) => {
        for (let seq = 0; piece; seq++, piece = await pieces.next())
          await manager.query(`INSERT INTO inbound_message_chunks (message_id, seq, data) VALUES ($1, $2, $3)`, [
            messageId,
            seq,
            piece,
          ]);
        await options.beforeCommit?.(pieces.bytes);
        await manager.query(INSERT_MESSAGE, row(pieces.bytes));
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

/** Reads a stream as pieces of exactly RAW_CHUNK_BYTES (only the last one shorter), counting bytes against a limit. */
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

  /**
   * The first 64 KiB of a piece are gathered as the stream's own chunks and copied once into a piece of their size:
   * a 30 KB reply allocates 30 KB, not a whole 256 KiB piece (which the inbound process's collector then had to sweep
   * for every message). Past that, the message is a large one: its piece is allocated whole and filled by copying, so
   * it does not also hold the stream's chunks (and the socket buffers they are cut from) while it fills.
   */
  async next(): Promise<Buffer | null> {
    let parts: Buffer[] = [];
    let piece: Buffer | null = null;
    let filled = 0;
    const result = (): Buffer => (piece ? piece.subarray(0, filled) : Buffer.concat(parts, filled));
    for (;;) {
      if (this.carry) {
        const n = Math.min(this.carry.length, RAW_CHUNK_BYTES - filled);
        if (piece) this.carry.copy(piece, filled, 0, n);
        else parts.push(n < this.carry.length ? this.carry.subarray(0, n) : this.carry);
        filled += n;
        this.carry = n < this.carry.length ? this.carry.subarray(n) : null;
        if (filled === RAW_CHUNK_BYTES) return result();
        if (!piece && filled > GATHER_BYTES) {
          piece = Buffer.allocUnsafe(RAW_CHUNK_BYTES);
          let at = 0;
          for (const part of parts) at += part.copy(piece, at);
          parts = [];
        }
      }
      if (this.done) return filled > 0 ? result() : null;
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
