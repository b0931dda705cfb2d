import { Injectable } from '@nestjs/common';
import { JobHandler } from '#rally/core';
import { FollowUpDigestScan } from '../digest/digest-scan.js';
import { FOLLOWUPS_CONFIG } from '../followups.config.js';
import { FollowUpJob } from '../followups.jobs.js';

/** Periodic: the daily digest of members whose local morning came. */
@Injectable()
export class FollowUpDigestJob {
  constructor(private readonly scan: FollowUpDigestScan) {}

  @JobHandler(FollowUpJob.Digest, { everyMs: (config) => config.section(FOLLOWUPS_CONFIG).digestMs })
  async handle(): Promise<{ members: number; staged: number }> {
    return this.scan.run();
  }
}
