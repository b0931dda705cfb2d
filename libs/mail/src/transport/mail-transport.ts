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

/** nodemailer's options for a message: with a return path, the envelope names it as sender and the recipient. */
export function nodemailerMessage(message: OutgoingMessage): Omit<OutgoingMessage, 'returnPath'> & {
  envelope?: { from: string; to: string };
} {
  const { returnPath, ...rest } = message;
  return returnPath ? { ...rest, envelope: { from: returnPath, to: message.to } } : rest;
}

/** What a relay answered: the Message-ID it carried, and the relay's own reply (its queue id: "250 2.0.0 Ok: queued as 4F1..."). */
export interface SendResult {
  messageId: string;
  response?: string;
}

/** Where rendered mail goes: an SMTP relay in production, the local capture store in the embedded default. */
export abstract class MailTransport {
  abstract readonly kind: 'smtp' | 'capture';
  abstract send(message: OutgoingMessage): Promise<SendResult>;
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
