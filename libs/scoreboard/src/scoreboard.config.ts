import { defineConfigSection, parseInteger, variable } from '#rally/core';

/** The scoreboard's one knob: how often the worker looks for letters to ask supporters about. */
export const SCOREBOARD_CONFIG = defineConfigSection(
  'scoreboard',
  {
    SCOREBOARD_REPLY_CHECK_MS: variable({
      description:
        'How often the worker stages "did they reply?" mails (14 days after a letter was sent) and their reminders (7 days later)',
      defaultValue: '600000',
      parse: (raw) => parseInteger(raw, 100, 86_400_000),
    }),
  },
  (v) => ({ replyCheckMs: v.SCOREBOARD_REPLY_CHECK_MS }),
);

export type ScoreboardConfig = ReturnType<typeof SCOREBOARD_CONFIG.build>;
