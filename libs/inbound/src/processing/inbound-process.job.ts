import { Injectable } from '@nestjs/common';
import type { JobPayloadOf } from '#rally/core';
import { JobHandler } from '#rally/core';
import { InboundJob } from '../inbound.jobs.js';
import type { ProcessOutcome } from './inbound-processor.js';
import { InboundProcessor } from './inbound-processor.js';

/** Processes one stored inbound message; a second run (a retried or duplicated job) finds it done and skips. */
@Injectable()
export class InboundProcessJob {
  constructor(private readonly processor: InboundProcessor) {}

  @JobHandler(InboundJob.Process)
  handle({ messageId }: JobPayloadOf<typeof InboundJob.Process>): Promise<ProcessOutcome> {
    return this.processor.process(messageId);
  }
}
