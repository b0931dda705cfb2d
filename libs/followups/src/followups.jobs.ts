import { defineJob } from '#rally/core';

/** Names and queues are persisted: add, never rename (see JobRef). All periodic, without a payload. */
export const FollowUpJob = {
  /** Stage the reminder steps that came due (before the due date, overdue) to the owners. */
  Reminders: defineJob('followups.reminders', 'followups'),
  /** Stage the daily digest of members who asked for it, once per local day. */
  Digest: defineJob('followups.digest', 'followups'),
  /** Evaluate escalation rules: act once per rule and target that stayed without a substantive answer. */
  Escalations: defineJob('followups.escalations', 'followups'),
};

export const FOLLOW_UP_JOBS = Object.values(FollowUpJob);
