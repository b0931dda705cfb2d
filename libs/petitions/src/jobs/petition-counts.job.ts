import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobHandler } from '#rally/core';
import { MailService } from '#rally/mail';
import { PETITIONS_CONFIG } from '../petitions.config.js';
import { PetitionJob } from '../petitions.jobs.js';
import { PetitionCountsRepository } from '../counts/petition-counts.repository.js';
import { PetitionNotifier } from '../petition-notifier.js';

/** Keeps petition_counts a few seconds behind the signatures, and periodically exactly right. */
@Injectable()
export class PetitionCountsJob {
  private readonly logger = new Logger('PetitionCounts');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly counts: PetitionCountsRepository,
    private readonly notifier: PetitionNotifier,
    private readonly mail: MailService,
  ) {}

  @JobHandler(PetitionJob.CountFlush, { everyMs: (config) => config.section(PETITIONS_CONFIG).countFlushMs })
  async flush(): Promise<{ petitions: number }> {
    const { touched, outboxIds } = await this.db.transaction(async (manager) => {
      const totals = await this.counts.flush(manager);
      return { touched: totals.length, outboxIds: await this.notifier.announceMilestones(totals, manager) };
    });
    await this.mail.dispatch(outboxIds);
    return { petitions: touched };
  }

  @JobHandler(PetitionJob.CountReconcile, {
    everyMs: (config) => config.section(PETITIONS_CONFIG).countReconcileSeconds * 1000,
  })
  async reconcile(): Promise<{ fixed: number }> {
    const fixed = await this.counts.reconcile();
    if (fixed > 0) this.logger.warn({ msg: 'petition counts corrected by reconcile', petitions: fixed });
    return { fixed };
  }
}
