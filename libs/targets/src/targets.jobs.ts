import { defineJob } from '#rally/core';

/** Names and queues are persisted: add, never rename (see JobRef). */
export const TargetJob = {
  /** Check (dry run) or apply one uploaded CSV import. */
  Import: defineJob<{ importId: string; apply: boolean }>('targets.import', 'targets'),
};

export const TARGET_JOBS = Object.values(TargetJob);
