import { Injectable } from '@nestjs/common';
import { JobHandler } from '#rally/core';
import { EscalationEvaluator } from '../escalations/escalation-evaluator.js';
import { FOLLOWUPS_CONFIG } from '../followups.config.js';
import { FollowUpJob } from '../followups.jobs.js';

/** Periodic: acts on the escalation rules whose days passed without a substantive answer. */
@Injectable()
export class EscalationJob {
  constructor(private readonly evaluator: EscalationEvaluator) {}

  @JobHandler(FollowUpJob.Escalations, { everyMs: (config) => config.section(FOLLOWUPS_CONFIG).escalationMs })
  async handle(): Promise<{ due: number; acted: number }> {
    return this.evaluator.run();
  }
}
