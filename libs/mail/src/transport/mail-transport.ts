import type { ComposedMessage } from './mime-message.js';

export interface OutgoingMessage {
  from: string;
  to: string;
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
  /** The envelope sender (MAIL FROM) when it is not From: a letter's bounce+TOKEN address, so bounces thread (VERP). */
  returnPath?: string;
}

/** What nodemailer's sendMail takes for a message Rally composed: the bytes and the envelope, nothing to build. */
export function nodemailerRaw(composed: ComposedMessage): { raw: Buffer; envelope: ComposedMessage['envelope'] } {
  return { raw: composed.raw, envelope: composed.envelope };
}

/** What a relay answered: the Message-ID it carried, and the relay's own reply (its queue id: "250 2.0.0 Ok: queued as 4F1..."). */
export interface SendResult {
  messageId: string;
  response?: string;
}

/**
 * Where rendered mail goes: an SMTP relay in production, the local capture store in the embedded default. Both take
 * the message composed (composeMessage), so what the local mailbox shows is byte for byte what a relay would get.
 */
export abstract class MailTransport {
  abstract readonly kind: 'smtp' | 'capture';
  abstract send(message: OutgoingMessage, composed: ComposedMessage): Promise<SendResult>;
  abstract close(): Promise<void>;

  /** Nest calls this on shutdown: pooled SMTP connections must not outlive the worker. */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}

/** SMTP replies 5xx are final (mailbox does not exist, rejected); anything else may succeed on a retry. */
export function isPermanentSendError(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}
