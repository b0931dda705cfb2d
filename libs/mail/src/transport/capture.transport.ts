import type { Transporter } from 'nodemailer';
import nodemailer from 'nodemailer';
import type { DataSource } from 'typeorm';
import { CapturedMail } from '../entities/captured-mail.entity.js';
import type { OutgoingMessage, SendResult } from './mail-transport.js';
import { MailTransport, nodemailerMessage } from './mail-transport.js';

/** The embedded default's "relay": builds the real MIME message, then stores it for the local mailbox page. */
export class CaptureMailTransport extends MailTransport {
  readonly kind = 'capture';
  private readonly composer: Transporter = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });

  constructor(private readonly db: DataSource) {
    super();
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const info = (await this.composer.sendMail(nodemailerMessage(message))) as { messageId: string; message: Buffer };
    // What the receiving server would add: the envelope sender, so the local mailbox shows where bounces go.
    const returnPath = message.returnPath ? `Return-Path: <${message.returnPath}>\n` : '';
    await this.db.getRepository(CapturedMail).insert({
      sender: message.from,
      recipient: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      raw: returnPath + info.message.toString('utf8'),
    });
    return { messageId: info.messageId };
  }

  async close(): Promise<void> {}
}
