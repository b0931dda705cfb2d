import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { Injectable, Logger } from '@nestjs/common';
import type { SMTPServerDataStream, SMTPServerEnvelope, SMTPServerSession } from 'smtp-server';
import { SMTPServer } from 'smtp-server';
import { InjectConfig } from '#rally/core';
import type { InboundConfig } from '../inbound.config.js';
import { INBOUND_CONFIG } from '../inbound.config.js';
import { InboundMessageTooLargeError } from '../inbound.exception.js';
import { InboundReceiver } from './inbound-receiver.js';
import { InboundRecipients } from './inbound-recipients.js';

/** A sender stuck mid-message gets this long after SIGTERM (within the 30 s shutdown deadline) before 421: it retries. */
const CLOSE_TIMEOUT_MS = 20_000;
/** An idle or stalled client is dropped after this (RFC 5321 asks servers to wait 5 minutes for commands). */
const SOCKET_TIMEOUT_MS = 5 * 60_000;
/** Each message streaming in holds a database connection: far more senders at once only queue for the pool. */
const MAX_CLIENTS = 100;

const smtpError = (code: number, text: string): Error => Object.assign(new Error(text), { responseCode: code });
// One answer for every refused address, so nobody can tell a forged token from an unknown letter.
const NO_SUCH_RECIPIENT = (): Error => smtpError(550, '5.1.1 No such recipient');
// "Too many recipients" (RFC 5321 4.5.3.1.10): the sender delivers the others in a transaction of their own later,
// so a reply copied to two organisations' letters reaches both, and nobody gets a bounce for a good address.
const OTHER_ORGANISATION = (): Error =>
  smtpError(452, '4.5.3 One message may only go to the letters of one organisation: send the others separately');

/** What the accepted recipients of one transaction decided: whose message it is, and the first letter token's. */
interface Transaction {
  organisationId: string;
  tokenLetterId: string | null;
}

/**
 * Rally's own SMTP server: the MX of the reply domain (or loopback in the embedded default). No AUTH and no relaying:
 * at RCPT it accepts only `reply+`/`bounce+` addresses whose token verifies and whose letter exists, and the address
 * kinds features registered (InboundAddressKinds) whose token verifies, all of one organisation; the message streams into the database (InboundReceiver) and is answered 250 only once it is
 * committed, 451 when storing failed (the sender retries), 552 over the size limit. STARTTLS is offered only with a
 * configured certificate: otherwise Rally listens on loopback or behind a proxy that ends TLS.
 */
@Injectable()
export class InboundSmtpServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('InboundSmtp');
  private readonly transactions = new WeakMap<SMTPServerEnvelope, Transaction>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly server: SMTPServer;

  constructor(
    private readonly receiver: InboundReceiver,
    private readonly recipients: InboundRecipients,
    @InjectConfig(INBOUND_CONFIG) private readonly config: InboundConfig,
  ) {
    const tls = config.smtp.tls;
    this.server = new SMTPServer({
      name: recipients.replyDomain,
      banner: 'Rally inbound mail',
      authOptional: true,
      disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
      ...(tls ? { key: readFileSync(tls.keyFile), cert: readFileSync(tls.certFile) } : {}),
      size: config.maxBytes,
      rejectOversized: true,
      maxClients: MAX_CLIENTS,
      socketTimeout: SOCKET_TIMEOUT_MS,
      closeTimeout: CLOSE_TIMEOUT_MS,
      logger: false,
      onRcptTo: (address, session, callback) => void this.onRcptTo(address.address, session, callback),
      onData: (stream, session, callback) => this.onData(stream, session, callback),
    });
    // Socket errors of one client (resets, TLS failures) must never take the server down.
    this.server.on('error', (error) =>
      this.logger.warn({ msg: 'inbound smtp connection error', error: error.message }),
    );
  }

  /** Where it listens (the real port when configured with 0). */
  address(): { host: string; port: number } {
    const a = this.server.server.address() as AddressInfo;
    return { host: a.address, port: a.port };
  }

  async onApplicationBootstrap(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.server.once('error', reject);
      this.server.listen(this.config.smtp.port, this.config.smtp.host, () => {
        this.server.server.off('error', reject);
        resolve();
      });
    });
    const { host, port } = this.address();
    this.logger.log({ msg: 'inbound smtp listening', host, port, starttls: !!this.config.smtp.tls });
  }

  /**
   * Stops accepting connections, lets every message in flight finish (and be answered), then closes the idle
   * connections with 421 so their senders come back later. Before the database closes (shutdown hooks run after).
   */
  async beforeApplicationShutdown(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    for (const connection of this.server.connections) {
      connection.send(421, '4.3.2 Rally inbound mail is restarting, try again later');
      connection.close();
    }
    await closed;
  }

  private async onRcptTo(address: string, session: SMTPServerSession, callback: (err?: Error | null) => void) {
    try {
      const recipient = await this.recipients.resolve(address);
      if (!recipient) return callback(NO_SUCH_RECIPIENT());
      const transaction = this.transactions.get(session.envelope);
      if (!transaction)
        this.transactions.set(session.envelope, {
          organisationId: recipient.organisationId,
          tokenLetterId: recipient.letterId,
        });
      else if (transaction.organisationId !== recipient.organisationId) return callback(OTHER_ORGANISATION());
      // A letter's token after a feature's address still names the letter the message is for.
      else if (!transaction.tokenLetterId) transaction.tokenLetterId = recipient.letterId;
      callback();
    } catch (error) {
      this.logger.warn({ msg: 'inbound recipient check failed', error: String(error) });
      callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
    }
  }

  private onData(
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
    callback: (err?: Error | null, message?: string) => void,
  ): void {
    const transaction = this.transactions.get(session.envelope);
    // An error after the receiver stopped reading (the client vanished) must not be an unhandled 'error' event.
    stream.on('error', () => undefined);
    const started = Date.now();
    const done = this.store(stream, session, transaction).then(
      (outcome) => {
        this.logger.log({
          msg: 'inbound message',
          channel: 'smtp',
          outcome: outcome.kind,
          messageId: outcome.kind === 'stored' ? outcome.messageId : undefined,
          organisationId: transaction?.organisationId,
          recipients: session.envelope.rcptTo.length,
          bytes: stream.byteLength,
          ms: Date.now() - started,
        });
        // What the receiver left unread must still be read before smtp-server may answer.
        if (!stream.destroyed && !stream.readableEnded) stream.resume();
        if (outcome.kind === 'stored') callback(null, `2.0.0 Stored as ${outcome.messageId}`);
        else if (outcome.kind === 'too-large')
          callback(smtpError(552, `5.3.4 Message larger than ${this.config.maxBytes} bytes`));
        else callback(smtpError(451, '4.3.0 Could not store the message, try again later'));
      },
      // store() resolves every outcome; this is only a last guard so the client always gets an answer.
      (error: unknown) => callback(smtpError(451, `4.3.0 ${String(error)}`)),
    );
    this.inFlight.add(done);
    void done.finally(() => this.inFlight.delete(done));
  }

  private async store(
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
    transaction: Transaction | undefined,
  ): Promise<{ kind: 'stored'; messageId: string } | { kind: 'too-large' | 'failed' }> {
    if (!transaction) return { kind: 'failed' };
    try {
      const mailFrom = session.envelope.mailFrom;
      const { messageId } = await this.receiver.receive(
        { organisationId: transaction.organisationId },
        {
          channel: 'smtp',
          envelopeFrom: mailFrom ? mailFrom.address : '',
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          tokenLetterId: transaction.tokenLetterId,
        },
        stream,
      );
      return { kind: 'stored', messageId };
    } catch (error) {
      if (error instanceof InboundMessageTooLargeError) return { kind: 'too-large' };
      this.logger.warn({ msg: 'inbound message not stored', error: String(error) });
      return { kind: 'failed' };
    }
  }
}
