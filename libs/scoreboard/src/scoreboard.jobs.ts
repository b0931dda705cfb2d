import { defineJob } from '#rally/core';

/** Names and queues are persisted: add, never rename (see JobRef). */
export const ScoreboardJob = {
  /** Stage the "did they reply?" questions and reminders that are due (periodic, no payload). */
  ReplyChecks: defineJob('scoreboard.reply-checks', 'scoreboard'),
};

export const SCOREBOARD_JOBS = Object.values(ScoreboardJob);
