import { Injectable } from '@nestjs/common';
import { Clock, JobHandler } from '#rally/core';
import { LetterSentMarks, STAMP_BATCH } from '../delivery/letter-sent-hooks.js';
import { LETTERS_CONFIG } from '../letters.config.js';
import { LetterJob } from '../letters.jobs.js';

/**
 * Periodic (LETTER_SENT_STAMP_MS, 1 s): stamps the letters the relay took since the last tick. Off the mail sender's
 * mark path on purpose: stamping there made each mark group a transaction of four statements, which doubled
 * PostgreSQL's CPU per letter in the delivery benchmark (docs/benchmarks.md, "Letters"); here one statement a second
 * stamps whatever went, however many letters that is.
 */
@Injectable()
export class LetterStampSentJob {
  constructor(
    private readonly marks: LetterSentMarks,
    private readonly clock: Clock,
  ) {}

  @JobHandler(LetterJob.StampSent, { everyMs: (config) => config.section(LETTERS_CONFIG).sentStampMs })
  async handle(): Promise<{ stamped: number }> {
    let stamped = 0;
    // A backlog (an outage's worth of sending) drains in a few passes; a tick stays short for a clean shutdown.
    for (let pass = 0; pass < 10; pass += 1) {
      const n = await this.marks.stampSent(this.clock.now());
      stamped += n;
      if (n < STAMP_BATCH) break;
    }
    return { stamped };
  }
}
