import type { DataSource } from 'typeorm';
import { CapturedMail } from '../entities/captured-mail.entity.js';
import type { OutgoingMessage, SendResult } from './mail-transport.js';
import { MailTransport } from './mail-transport.js';
import type { ComposedMessage } from './mime-message.js';

/** The embedded default's "relay": stores the composed message for the local mailbox page. */
export class CaptureMailTransport extends MailTransport {
  readonly kind = 'capture';

  constructor(private readonly db: DataSource) {
    super();
  }

  async send(message: OutgoingMessage, composed: ComposedMessage): Promise<SendResult> {
    // What the receiving server would add: the envelope sender, so the local mailbox shows where bounces go.
    const returnPath = message.returnPath ? `Return-Path: <${message.returnPath}>\n` : '';
    await this.db.getRepository(CapturedMail).insert({
      sender: message.from,
      recipient: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      // Unix line ends, as a file of the message would have them; SMTP carries CRLF.
      raw: returnPath + composed.raw.toString('utf8').replace(/\r\n/g, '\n'),
    });
    return { messageId: composed.messageId };
  }

  async close(): Promise<void> {}
}
