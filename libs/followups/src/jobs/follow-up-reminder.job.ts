import { Injectable } from '@nestjs/common';
import { JobHandler } from '#rally/core';
import { FOLLOWUPS_CONFIG } from '../followups.config.js';
import { FollowUpJob } from '../followups.jobs.js';
import type { ReminderPass } from '../reminders/reminder-scan.js';
import { FollowUpReminderScan, REMINDER_BATCH } from '../reminders/reminder-scan.js';

/** Periodic: stages due reminders, batch after batch while full ones keep coming (a backlog drains in one tick). */
@Injectable()
export class FollowUpReminderJob {
  constructor(private readonly scan: FollowUpReminderScan) {}

  @JobHandler(FollowUpJob.Reminders, { everyMs: (config) => config.section(FOLLOWUPS_CONFIG).reminderMs })
  async handle(): Promise<ReminderPass> {
    const total: ReminderPass = { looked: 0, staged: 0 };
    // At most 20 batches (10,000 follow-ups) per tick: the next tick goes on, and a tick stays short for shutdown.
    for (let i = 0; i < 20; i += 1) {
      const pass = await this.scan.run();
      total.looked += pass.looked;
      total.staged += pass.staged;
      if (pass.looked < REMINDER_BATCH) break;
    }
    return total;
  }
}
