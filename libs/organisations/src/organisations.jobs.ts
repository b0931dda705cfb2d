import { defineJob } from '#rally/core';

/** Names and queues are persisted: add, never rename (see JobRef). */
export const OrganisationJob = {
  /** Hourly: drop expired sessions, spent reset links and old rate-limit counters. */
  AuthPurge: defineJob('organisations.auth-purge', 'maintenance'),
};

export const ORGANISATION_JOBS = Object.values(OrganisationJob);
