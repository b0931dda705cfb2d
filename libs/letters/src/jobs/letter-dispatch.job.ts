import { Injectable } from '@nestjs/common';
import { JobHandler } from '#rally/core';
import { LETTERS_CONFIG } from '../letters.config.js';
import { LetterJob } from '../letters.jobs.js';
import type { DispatchOutcome } from '../delivery/letter-dispatcher.js';
import { DISPATCH_BATCH, LetterDispatcher } from '../delivery/letter-dispatcher.js';

/** Periodic: hands due letters to the outbox, pass after pass while full batches keep coming (a backlog drains fast). */
@Injectable()
export class LetterDispatchJob {
  constructor(private readonly dispatcher: LetterDispatcher) {}

  @JobHandler(LetterJob.Dispatch, { everyMs: (config) => config.section(LETTERS_CONFIG).dispatchMs })
  async handle(): Promise<DispatchOutcome> {
    const total: DispatchOutcome = { handed: 0, waiting: 0, held: 0 };
    // At most ten passes per tick: the next tick continues, and a tick stays short enough for a clean shutdown.
    for (let pass = 0; pass < 10; pass += 1) {
      const outcome = await this.dispatcher.run();
      if (!outcome) break;
      total.handed += outcome.handed;
      total.waiting += outcome.waiting;
      total.held += outcome.held;
      if (outcome.handed + outcome.waiting + outcome.held < DISPATCH_BATCH) break;
    }
    return total;
  }
}
