import { Injectable, Logger } from '@nestjs/common';
import type { JobPayloadOf } from '#rally/core';
import { InjectConfig, JobHandler } from '#rally/core';
import type { MailConfig } from '../mail.config.js';
import { MAIL_CONFIG } from '../mail.config.js';
import { MAX_SEND_ATTEMPTS, MailJob } from '../mail.jobs.js';
import { MailOutboxRepository } from '../mail-outbox.repository.js';
import { RelayTransports } from '../relay/relay-transports.js';
import { MailRenderer } from '../templates/mail-renderer.js';
import { MailTransport, isPermanentSendError } from '../transport/mail-transport.js';

/** The only code that talks SMTP: claim the outbox row, render, send, record the outcome. */
@Injectable()
export class MailSendJob {
  private readonly logger = new Logger('MailSend');

  constructor(
    private readonly outbox: MailOutboxRepository,
    private readonly renderer: MailRenderer,
    private readonly transport: MailTransport,
    private readonly relays: RelayTransports,
    @InjectConfig(MAIL_CONFIG) private readonly config: MailConfig,
  ) {}

  @JobHandler(MailJob.Send)
  async handle({ outboxId }: JobPayloadOf<typeof MailJob.Send>): Promise<'sent' | 'skipped' | 'failed'> {
    const row = await this.outbox.claim(outboxId, this.config.sendLeaseSeconds);
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
      // The organisation's own relay when it has an enabled one; a relay's refusal counts like the installation's.
      const message = {
        from: row.sender ?? this.config.from,
        to: row.recipient,
        replyTo: row.replyTo ?? undefined,
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        headers: row.headers ?? undefined,
      };
      const { messageId, response } = await this.relays.send(row.organisationId, message, this.transport);
      await this.outbox.markSent(row.id, messageId, response);
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
