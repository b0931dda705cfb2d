import type { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FetchMessageObject, ImapFlow } from 'imapflow';
import { DataSource, QueryFailedError } from 'typeorm';
import { Clock, InjectConfig, sqlCount } from '#rally/core';
import { RelayCredentialSeal } from '#rally/mail';
import type { InboundAlertKind } from '../entities/inbound-alert.entity.js';
import { InboundSource } from '../entities/inbound-source.entity.js';
import type { InboundConfig } from '../inbound.config.js';
import { INBOUND_CONFIG } from '../inbound.config.js';
import { InboundMessageTooLargeError } from '../inbound.exception.js';
import { InboundReceiver } from '../receiving/inbound-receiver.js';
import { closeImap, connectImap, describeImapError, folderPath, imapMailboxOf } from './imap-connection.js';

export type ImapPollOutcome =
  | { outcome: 'polled'; stored: number; tooLarge: number; more: boolean }
  | { outcome: 'failed'; error: string }
  /** Another worker is polling this mailbox right now. */
  | { outcome: 'busy' }
  /** Gone, disabled, or not an IMAP mailbox. */
  | { outcome: 'skipped' };

/**
 * Takes new mail from one IMAP mailbox into the same store-then-queue path as the SMTP server and the webhook. Per
 * message, in UID order: stored (channel 'imap'), then moved to the processed folder, then `lastUid` advanced. A
 * crash between storing and moving leaves the message in the folder under lastUid: the next poll stores it again and
 * processing marks that copy a duplicate (one record per content key), so a retry never makes two replies.
 */
@Injectable()
export class ImapPoller {
  private readonly logger = new Logger('ImapPoller');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly receiver: InboundReceiver,
    private readonly seal: RelayCredentialSeal,
    private readonly clock: Clock,
    @InjectConfig(INBOUND_CONFIG) private readonly config: InboundConfig,
  ) {}

  /**
   * One poll at a time per mailbox however many workers run: a session advisory lock on a connection of its own,
   * held for the poll and freed by PostgreSQL if the worker dies.
   */
  async poll(sourceId: string): Promise<ImapPollOutcome> {
    const lock = this.db.createQueryRunner();
    await lock.connect();
    try {
      const [{ locked }] = (await lock.query(
        `SELECT pg_try_advisory_lock(hashtext('rally:inbound.imap-poll'), hashtext($1)) AS locked`,
        [sourceId],
      )) as { locked: boolean }[];
      if (!locked) return { outcome: 'busy' };
      try {
        return await this.pollLocked(sourceId);
      } finally {
        await lock.query(`SELECT pg_advisory_unlock(hashtext('rally:inbound.imap-poll'), hashtext($1))`, [sourceId]);
      }
    } finally {
      await lock.release();
    }
  }

  private async pollLocked(sourceId: string): Promise<ImapPollOutcome> {
    const source = await this.db.getRepository(InboundSource).findOneBy({ id: sourceId, kind: 'imap' });
    if (!source?.enabled || !source.secretSealed || !source.host || !source.username) return { outcome: 'skipped' };
    const mailbox = imapMailboxOf(source);
    let password: string;
    try {
      password = this.seal.open(source.secretSealed, source.organisationId);
    } catch {
      return this.failed(
        source,
        'The stored password cannot be read (the installation’s SECRET_KEY changed?): enter it again',
      );
    }
    let client: ImapFlow | null = null;
    try {
      client = await connectImap(mailbox, password, {
        allowInternal: this.config.imap.privateHosts,
        maxBytes: this.config.maxBytes,
      });
      const result = await this.take(client, source);
      await this.db.query(
        `UPDATE inbound_sources SET last_polled_at = $2, last_error = NULL, poll_failures = 0 WHERE id = $1`,
        [source.id, this.clock.now()],
      );
      return { outcome: 'polled', ...result };
    } catch (error) {
      // The database's own failures are no news about the mailbox: the job fails and the next tick tries again.
      if (error instanceof QueryFailedError) throw error;
      return this.failed(source, describeImapError(error, mailbox));
    } finally {
      if (client) await closeImap(client);
    }
  }

  private async take(
    client: ImapFlow,
    source: InboundSource,
  ): Promise<{ stored: number; tooLarge: number; more: boolean }> {
    // Created before anything is stored: a processed folder that cannot exist would otherwise make every poll store
    // the same messages again.
    await client.mailboxCreate(folderPath(source.processedFolder));
    const box = await client.mailboxOpen(folderPath(source.folder));
    let lastUid = Number(source.lastUid);
    if (source.uidValidity !== String(box.uidValidity)) {
      // A new UIDVALIDITY (the folder was recreated or the server rebuilt its index): the old UIDs mean nothing
      // now, so start over from the folder's current messages. What was processed before was moved out; what is
      // still there was never taken, was too large (alerted again), or was stored but not moved (a duplicate).
      if (source.uidValidity !== null)
        this.logger.warn({
          msg: 'IMAP UIDVALIDITY changed: starting over from the folder',
          sourceId: source.id,
          was: source.uidValidity,
          now: String(box.uidValidity),
        });
      lastUid = 0;
      await this.db.query(`UPDATE inbound_sources SET uid_validity = $2, last_uid = 0 WHERE id = $1`, [
        source.id,
        String(box.uidValidity),
      ]);
    }
    // "n:*" also answers the last message when none is above n, hence the filter.
    const found = ((await client.search({ uid: `${lastUid + 1}:*` }, { uid: true })) || [])
      .filter((uid) => uid > lastUid)
      .sort((a, b) => a - b);
    const batch = found.slice(0, this.config.imap.batch);
    if (batch.length === 0) return { stored: 0, tooLarge: 0, more: false };
    const messages = (await client.fetchAll(batch.join(','), { uid: true, size: true, envelope: true }, { uid: true }))
      .filter((m) => m.uid > lastUid)
      .sort((a, b) => a.uid - b.uid);

    let stored = 0;
    let tooLarge = 0;
    for (const message of messages) {
      const kept =
        (message.size ?? 0) > this.config.maxBytes ? 'too-large' : await this.store(client, source, message.uid);
      if (kept === 'stored') {
        const moved = await client.messageMove(String(message.uid), folderPath(source.processedFolder), { uid: true });
        if (!moved) throw new Error(`the message could not be moved to "${source.processedFolder}"`);
        stored += 1;
      } else if (kept === 'too-large') {
        // Left where it is: the organisation still has it in its mailbox, and coordinators are told which one.
        await this.tooLarge(source, message);
        tooLarge += 1;
      }
      await this.db.query(`UPDATE inbound_sources SET last_uid = $2 WHERE id = $1`, [source.id, message.uid]);
    }
    this.logger.log({ msg: 'IMAP mailbox polled', sourceId: source.id, stored, tooLarge });
    return { stored, tooLarge, more: found.length > batch.length };
  }

  /** Streams the raw message into storage. The server's size can be wrong: the receiver counts the bytes itself. */
  private async store(client: ImapFlow, source: InboundSource, uid: number): Promise<'stored' | 'too-large' | 'gone'> {
    const download = await client.download(String(uid), undefined, { uid: true });
    if (!download.content) return 'gone'; // taken out of the folder meanwhile (a mail client, another tool)
    const content: Readable = download.content;
    try {
      const { messageId } = await this.receiver.receive(
        { organisationId: source.organisationId },
        { channel: 'imap', envelopeFrom: null, envelopeTo: [], tokenLetterId: null },
        content,
      );
      this.logger.log({ msg: 'inbound message', channel: 'imap', outcome: 'stored', messageId, sourceId: source.id });
      return 'stored';
    } catch (error) {
      if (error instanceof InboundMessageTooLargeError) return 'too-large';
      throw error;
    } finally {
      content.destroy();
    }
  }

  private async tooLarge(source: InboundSource, message: FetchMessageObject): Promise<void> {
    const from = message.envelope?.from?.[0]?.address ?? 'an unknown sender';
    const subject = (message.envelope?.subject ?? '').slice(0, 150);
    const size = (n: number): string =>
      n >= 1_048_576 ? `${(n / 1_048_576).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
    await this.alert(
      source,
      'imap-too-large',
      `A message in "${source.folder}" of ${source.username}@${source.host} is ${size(message.size ?? 0)}, ` +
        `over the ${size(this.config.maxBytes)} limit: it was left in the mailbox, unread by Rally ` +
        `(from ${from}, subject "${subject}", IMAP UID ${message.uid})`,
    );
  }

  private async failed(source: InboundSource, error: string): Promise<ImapPollOutcome> {
    await this.db.query(
      `UPDATE inbound_sources SET last_polled_at = $2, last_error = $3, poll_failures = poll_failures + 1
        WHERE id = $1`,
      [source.id, this.clock.now(), error.slice(0, 1000)],
    );
    await this.alert(source, 'imap-failure', `The mailbox "${source.name}" could not be polled: ${error}`);
    this.logger.warn({ msg: 'IMAP poll failed', sourceId: source.id, error });
    return { outcome: 'failed', error };
  }

  /** One open alert per mailbox and kind (per message for imap-too-large): repeats add nothing until it is seen. */
  private async alert(source: InboundSource, kind: InboundAlertKind, detail: string): Promise<void> {
    const text = detail.slice(0, 500);
    await sqlCount(
      this.db,
      `INSERT INTO inbound_alerts (organization_id, kind, inbound_source_id, detail, created_at)
       SELECT $1, $2::text, $3::uuid, $4::text, $5
        WHERE NOT EXISTS (
          SELECT 1 FROM inbound_alerts a WHERE a.organization_id = $1 AND a.kind = $2::text
             AND a.inbound_source_id = $3::uuid AND a.acknowledged_at IS NULL
             AND ($2::text = 'imap-failure' OR a.detail = $4::text))`,
      [source.organisationId, kind, source.id, text, this.clock.now()],
    );
  }
}
