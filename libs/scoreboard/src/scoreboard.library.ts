import type { RallyLibrary } from '#rally/core';
import { ScoreboardHoliday } from './entities/scoreboard-holiday.entity.js';
import { ScoreboardSettings } from './entities/scoreboard-settings.entity.js';
import { ScoreboardWave } from './entities/scoreboard-wave.entity.js';
import { ReplyCheck, ReplyCheckLetter, ReplyCheckOptOut } from './reply-checks/entities/reply-check.entity.js';
import { SCOREBOARD_CONFIG } from './scoreboard.config.js';
import { SCOREBOARD_CATALOGUE } from './scoreboard.i18n.js';
import { SCOREBOARD_JOBS } from './scoreboard.jobs.js';
import { SCOREBOARD_AUDIT } from './scoreboard.audit.js';
import { SCOREBOARD_PERMISSIONS } from './scoreboard.permissions.js';

/** How ministries answer: the response-time scoreboard (a rollup per wave) and the "did they reply?" question. */
export const SCOREBOARD_LIBRARY: RallyLibrary = {
  name: 'scoreboard',
  entities: [ScoreboardWave, ScoreboardHoliday, ScoreboardSettings, ReplyCheck, ReplyCheckLetter, ReplyCheckOptOut],
  config: SCOREBOARD_CONFIG,
  jobs: SCOREBOARD_JOBS,
  permissions: SCOREBOARD_PERMISSIONS,
  audit: SCOREBOARD_AUDIT,
  catalogues: [SCOREBOARD_CATALOGUE],
};
