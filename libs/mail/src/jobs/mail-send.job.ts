import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { JobPayloadOf } from '#rally/core';
import { Clock, InjectConfig, JobHandler } from '#rally/core';
import type { MailOutbox } from '../entities/mail-outbox.entity.js';
import type { MailConfig } from '../mail.config.js';
import { MAIL_CONFIG } from '../mail.config.js';
import { MAX_SEND_ATTEMPTS, MailJob } from '../mail.jobs.js';
import { MailOutboxRepository } from '../mail-outbox.repository.js';
import { MailFailureHooks } from './mail-failure-hooks.js';
import type { SentMark } from './sent-marks.js';
import { SentMarks } from './sent-marks.js';
import { RelayTransports } from '../relay/relay-transports.js';
import { MailRenderer } from '../templates/mail-renderer.js';
import { MailTransport, isPermanentSendError } from '../transport/mail-transport.js';
import type { ComposedMessage } from '../transport/mime-message.js';
import { composeMessage } from '../transport/mime-message.js';

type Outcome = { kind: 'sent' } | { kind: 'failed' } | { kind: 'retry'; error: unknown };

/**
 * The only code that talks SMTP: claim outbox rows, render, send, record the outcome. Mail is dispatched in batches
 * (`mail.send-batch`): one claim for the batch and its messages handed to the pooled transport together, which saves
 * a queue job and a database round trip per message; when every message was its own job the pool sat idle two thirds
 * of the time (docs/benchmarks.md). Each message is still marked sent within MARK_GATHER_MS (10 ms) of the relay
 * taking it, so a worker killed mid-batch resends only what was on the wire or awaiting its mark (SentMarks groups
 * the marks of concurrent sends). Single `mail.send` jobs remain for the reconciler.
 */
@Injectable()
export class MailSendJob {
  private readonly logger = new Logger('MailSend');
  /** Shared by every job this worker runs at once, so their marks group into few statements. */
  private readonly marks = new SentMarks((sent) => this.recordSent(sent));

  constructor(
    private readonly outbox: MailOutboxRepository,
    private readonly renderer: MailRenderer,
    private readonly transport: MailTransport,
    private readonly relays: RelayTransports,
    private readonly failures: MailFailureHooks,
    private readonly clock: Clock,
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig(MAIL_CONFIG) private readonly config: MailConfig,
  ) {}

  @JobHandler(MailJob.Send)
  async handle({ outboxId }: JobPayloadOf<typeof MailJob.Send>): Promise<'sent' | 'skipped' | 'failed'> {
    const summary = await this.sendAll([outboxId]);
    return summary.sent ? 'sent' : summary.failed ? 'failed' : 'skipped';
  }

  @JobHandler(MailJob.SendBatch)
  async handleBatch({ outboxIds }: JobPayloadOf<typeof MailJob.SendBatch>): Promise<{ sent: number; failed: number }> {
    return this.sendAll(outboxIds);
  }

  /** Rows already sent, being sent or failed for good are skipped by the claim; a temporary failure retries the job. */
  private async sendAll(ids: string[]): Promise<{ sent: number; failed: number }> {
    const rows = await this.outbox.claimMany(ids, this.config.sendLeaseSeconds);
    if (rows.length === 0) return { sent: 0, failed: 0 };
    const outcomes = await Promise.all(rows.map((row) => this.deliver(row)));
    const retry = outcomes.find((o): o is Extract<Outcome, { kind: 'retry' }> => o.kind === 'retry');
    if (retry) throw retry.error; // the queue retries with backoff; the claim skips what went
    return {
      sent: outcomes.filter((o) => o.kind === 'sent').length,
      failed: outcomes.filter((o) => o.kind === 'failed').length,
    };
  }

  private async deliver(row: MailOutbox): Promise<Outcome> {
    let message;
    let composed: ComposedMessage;
    try {
      const rendered = this.renderer.render(row.template, row.language, row.data);
      message = {
        from: row.sender ?? this.config.from,
        to: row.recipient,
        replyTo: row.replyTo ?? undefined,
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        headers: row.headers ?? undefined,
        returnPath: row.returnPath ?? undefined,
      };
      composed = composeMessage(message, this.clock.now());
    } catch (error) {
      // A template or an address that cannot make a message never will: failed at once, not retried.
      await this.outbox.markFailed(row.id, `render: ${(error as Error).message}`);
      this.logger.error({
        msg: 'mail render failed',
        outboxId: row.id,
        template: row.template,
        error: (error as Error).message,
      });
      return { kind: 'failed' };
    }

    try {
      // The organisation's own relay when it has an enabled one; a relay's refusal counts like the installation's.
      const { messageId, response } = await this.relays.send(row.organisationId, message, composed, this.transport);
      await this.marks.mark({ id: row.id, messageId, response });
      return { kind: 'sent' };
    } catch (error) {
      const message = (error as Error).message;
      const permanent = isPermanentSendError(error);
      if (permanent || row.attempts >= MAX_SEND_ATTEMPTS) {
        await this.fail(row, error as Error & { responseCode?: number; response?: string }, permanent);
        this.logger.warn({ msg: 'mail failed permanently', outboxId: row.id, attempts: row.attempts, error: message });
        return { kind: 'failed' };
      }
      await this.outbox.markRetry(row.id, message);
      return { kind: 'retry', error };
    }
  }

  /**
   * One statement per group, nothing else: features that care when their mail went (letters' sent stamp) read the
   * outbox afterwards, so the hot path stays one round trip per group (docs/benchmarks.md, "Letters").
   */
  private async recordSent(sent: SentMark[]): Promise<void> {
    await this.outbox.markSentMany(sent);
  }

  /** The row is failed and the feature that queued it told (a letter's address learns from it), in one transaction. */
  private async fail(
    row: MailOutbox,
    error: Error & { responseCode?: number; response?: string },
    permanent: boolean,
  ): Promise<void> {
    await this.db.transaction(async (manager) => {
      await this.outbox.markFailed(row.id, error.message, manager);
      await this.failures.run(
        {
          outboxId: row.id,
          organisationId: row.organisationId,
          idempotencyKey: row.idempotencyKey,
          recipient: row.recipient,
          permanent,
          responseCode: typeof error.responseCode === 'number' ? error.responseCode : null,
          response: (error.response ?? error.message).slice(0, 1000),
          at: this.clock.now(),
        },
        manager,
      );
    });
  }
}
