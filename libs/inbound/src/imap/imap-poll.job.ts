import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { JobPayloadOf } from '#rally/core';
import { Clock, InjectConfig, JobHandler, JobQueue, sqlRows } from '#rally/core';
import type { InboundConfig } from '../inbound.config.js';
import { INBOUND_CONFIG } from '../inbound.config.js';
import { InboundJob } from '../inbound.jobs.js';
import { nextImapPollAt } from './imap-backoff.js';
import type { ImapPollOutcome } from './imap-poller.js';
import { ImapPoller } from './imap-poller.js';

/**
 * Polls one mailbox (the schedule's or staff's "poll now"); a second job for a mailbox being polled answers busy. A
 * backlog beyond one batch is taken by a follow-up poll at once, not a tick later.
 */
@Injectable()
export class ImapPollJob {
  constructor(
    private readonly poller: ImapPoller,
    private readonly jobs: JobQueue,
  ) {}

  @JobHandler(InboundJob.ImapPoll)
  async handle({ sourceId }: JobPayloadOf<typeof InboundJob.ImapPoll>): Promise<ImapPollOutcome> {
    const outcome = await this.poller.poll(sourceId);
    if (outcome.outcome === 'polled' && outcome.more) await this.jobs.enqueue(InboundJob.ImapPoll, { sourceId });
    return outcome;
  }
}

/**
 * Every INBOUND_IMAP_POLL_SECONDS: one poll job per enabled mailbox that is due (backed off after failures). The job
 * id names the mailbox and the tick, so a retried or doubled tick queues nothing twice.
 */
@Injectable()
export class ImapScheduleJob {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    @InjectConfig(INBOUND_CONFIG) private readonly config: InboundConfig,
  ) {}

  @JobHandler(InboundJob.ImapSchedule, {
    everyMs: (config) => config.section(INBOUND_CONFIG).imap.pollSeconds * 1000,
  })
  async handle(): Promise<{ queued: number }> {
    const now = this.clock.now();
    const interval = this.config.imap.pollSeconds * 1000;
    const sources = await sqlRows<{ id: string; last_polled_at: Date | null; poll_failures: number }>(
      this.db,
      `SELECT id, last_polled_at, poll_failures FROM inbound_sources WHERE kind = 'imap' AND enabled ORDER BY id`,
    );
    // A poll that ran a little late last tick is still due this tick: a tenth of the interval of slack.
    const due = sources.filter(
      (s) =>
        nextImapPollAt(
          { lastPolledAt: s.last_polled_at, pollFailures: s.poll_failures },
          this.config.imap.pollSeconds,
        ).getTime() <=
        now.getTime() + interval / 10,
    );
    const tick = Math.floor(now.getTime() / interval);
    await this.jobs.enqueueBulk(
      InboundJob.ImapPoll,
      due.map((s) => ({ payload: { sourceId: s.id }, opts: { jobId: `imap-${s.id}-${tick}` } })),
    );
    return { queued: due.length };
  }
}
