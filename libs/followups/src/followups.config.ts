import { defineConfigSection, parseInteger, variable } from '#rally/core';

const count = (min: number, max: number) => (r: string) => parseInteger(r, min, max);

/** Follow-ups: how often the worker looks for reminders, digests and escalations; the local hour digests go from. */
export const FOLLOWUPS_CONFIG = defineConfigSection(
  'followups',
  {
    FOLLOWUP_REMINDER_MS: variable({
      description: 'How often the worker stages due follow-up reminders (before the due date and when overdue)',
      defaultValue: '60000',
      parse: count(100, 3_600_000),
    }),
    FOLLOWUP_DIGEST_MS: variable({
      description: 'How often the worker stages the daily follow-up digest of members who asked for it',
      defaultValue: '300000',
      parse: count(100, 3_600_000),
    }),
    FOLLOWUP_ESCALATION_MS: variable({
      description:
        'How often the worker evaluates escalation rules (no substantive response within N days of delivery)',
      defaultValue: '300000',
      parse: count(100, 3_600_000),
    }),
    FOLLOWUP_DIGEST_HOUR: variable({
      description: "Local hour (0-23, the organisation's time zone) from which the daily follow-up digest goes",
      defaultValue: '7',
      parse: count(0, 23),
    }),
  },
  (v) => ({
    reminderMs: v.FOLLOWUP_REMINDER_MS,
    digestMs: v.FOLLOWUP_DIGEST_MS,
    escalationMs: v.FOLLOWUP_ESCALATION_MS,
    digestHour: v.FOLLOWUP_DIGEST_HOUR,
  }),
);

export type FollowUpsConfig = ReturnType<typeof FOLLOWUPS_CONFIG.build>;
