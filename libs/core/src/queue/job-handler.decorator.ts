import { SetMetadata } from '@nestjs/common';
import type { RallyConfig } from '../config/rally-config.js';
import type { AnyJobRef } from './job.js';

export const JOB_HANDLER = Symbol('JOB_HANDLER');

export interface JobHandlerOptions {
  /** Run periodically: once per interval across all workers (BullMQ job scheduler). */
  everyMs?: number | ((config: RallyConfig) => number);
}

export interface JobHandlerMetadata extends JobHandlerOptions {
  job: AnyJobRef;
}

/** Marks a provider method as the one handler of a job; the worker refuses to boot if any job has none. */
export const JobHandler = (job: AnyJobRef, options: JobHandlerOptions = {}): MethodDecorator =>
  SetMetadata<symbol, JobHandlerMetadata>(JOB_HANDLER, { job, ...options });
