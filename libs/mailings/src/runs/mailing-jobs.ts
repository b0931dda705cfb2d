import { Injectable } from '@nestjs/common';
import { JobHandler } from '#rally/core';
import { MAILINGS_CONFIG } from '../mailings.config.js';
import { MailingJob } from '../mailings.jobs.js';
import { MailingDispatcher } from './mailing-dispatcher.js';
import { RunStager } from './run-stager.js';

/** The two periodic jobs: a BullMQ job scheduler runs each once per interval across all workers. */
@Injectable()
export class MailingJobs {
  constructor(
    private readonly stager: RunStager,
    private readonly dispatcher: MailingDispatcher,
  ) {}

  @JobHandler(MailingJob.Schedule, { everyMs: (config) => config.section(MAILINGS_CONFIG).scheduleMs })
  async schedule(): Promise<{ runs: number }> {
    return { runs: (await this.stager.fireDue()).length };
  }

  @JobHandler(MailingJob.Dispatch, { everyMs: (config) => config.section(MAILINGS_CONFIG).dispatchMs })
  async dispatch(): Promise<{ handed: number; finished: number }> {
    return this.dispatcher.tick();
  }
}
