import { Injectable, Logger } from '@nestjs/common';
import type { JobPayload, RallyConfig } from '#rally/core';
import { InjectConfig, JobHandler, JobName } from '#rally/core';
import { MailOutboxRepository } from '../mail-outbox.repository.js';
import { MailRenderer } from '../templates/mail-renderer.js';
import { MailTransport } from '../transport/mail-transport.js';
import { isPermanentSendError } from '../transport/mail-transport.js';

/** After this many claims a message is given up as failed, whatever the queue's own retry count says. */
export const MAX_SEND_ATTEMPTS = 8;

/** The only code that talks SMTP: claim the outbox row, render, send, record the outcome. */
@Injectable()
export class MailSendHandler {
  private readonly logger = new Logger('MailSend');

  constructor(
    private readonly outbox: MailOutboxRepository,
    private readonly renderer: MailRenderer,
    private readonly transport: MailTransport,
    @InjectConfig() private readonly config: RallyConfig,
  ) {}

  @JobHandler(JobName.MailSend, { attempts: MAX_SEND_ATTEMPTS })
  async handle({ outboxId }: JobPayload<JobName.MailSend>): Promise<'sent' | 'skipped' | 'failed'> {
    const row = await this.outbox.claim(outboxId, this.config.mail.sendLeaseSeconds);
    if (!row) return 'skipped'; // already sent, being sent, failed for good, or not committed yet (the reconciler retries)

    let rendered;
    try {
      rendered = this.renderer.render(row.template, row.language, row.data);
    } catch (error) {
      await this.outbox.markFailed(row.id, `render: ${(error as Error).message}`);
      this.logger.error({
        msg: 'mail render failed',
        outboxId: row.id,
        template: row.template,
        error: (error as Error).message,
      });
      return 'failed';
    }

    try {
      const { messageId } = await this.transport.send({
        from: row.sender ?? this.config.mail.from,
        to: row.recipient,
        replyTo: row.replyTo ?? undefined,
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        headers: row.headers ?? undefined,
      });
      await this.outbox.markSent(row.id, messageId);
      return 'sent';
    } catch (error) {
      const message = (error as Error).message;
      if (isPermanentSendError(error) || row.attempts >= MAX_SEND_ATTEMPTS) {
        await this.outbox.markFailed(row.id, message);
        this.logger.warn({ msg: 'mail failed permanently', outboxId: row.id, attempts: row.attempts, error: message });
        return 'failed';
      }
      await this.outbox.markRetry(row.id, message);
      throw error; // the queue retries with backoff
    }
  }
}
