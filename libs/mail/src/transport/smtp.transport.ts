import type { Transporter } from 'nodemailer';
import nodemailer from 'nodemailer';
import type { OutgoingMessage, SendResult } from './mail-transport.js';
import { MailTransport, nodemailerRaw } from './mail-transport.js';
import type { ComposedMessage } from './mime-message.js';

/** Pooled SMTP: connections are reused across messages, so throughput is bounded by the relay, not the handshakes. */
export class SmtpMailTransport extends MailTransport {
  readonly kind = 'smtp';
  private readonly transporter: Transporter;

  constructor(url: string, poolSize: number) {
    super();
    this.transporter = nodemailer.createTransport({
      url,
      pool: true,
      maxConnections: poolSize,
      maxMessages: 1000,
    } as never);
  }

  async send(_message: OutgoingMessage, composed: ComposedMessage): Promise<SendResult> {
    const info = await this.transporter.sendMail(nodemailerRaw(composed));
    return { messageId: composed.messageId, response: String(info.response ?? '') };
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}
