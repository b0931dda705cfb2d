import type { RallyLibrary } from '#rally/core';
import { EscalationRule } from './entities/escalation-rule.entity.js';
import { EscalationRun } from './entities/escalation-run.entity.js';
import { FollowUpDigest } from './entities/follow-up-digest.entity.js';
import { FollowUpRecommendation, FollowUpResponse, FollowUpTarget } from './entities/follow-up-link.entity.js';
import { FollowUpPreference } from './entities/follow-up-preference.entity.js';
import { FollowUpReminder } from './entities/follow-up-reminder.entity.js';
import { FollowUpSettings } from './entities/follow-up-settings.entity.js';
import { FollowUp } from './entities/follow-up.entity.js';
import { FOLLOWUPS_CONFIG } from './followups.config.js';
import { FOLLOWUPS_CATALOGUE } from './followups.i18n.js';
import { FOLLOW_UP_JOBS } from './followups.jobs.js';
import { FOLLOW_UP_AUDIT } from './followups.audit.js';
import { FOLLOW_UP_PERMISSIONS } from './followups.permissions.js';

/** Follow-up actions with owners and due dates, reminders before and when overdue, a daily digest, escalation rules. */
export const FOLLOWUPS_LIBRARY: RallyLibrary = {
  name: 'followups',
  entities: [
    FollowUp,
    FollowUpRecommendation,
    FollowUpTarget,
    FollowUpResponse,
    FollowUpReminder,
    FollowUpSettings,
    FollowUpPreference,
    FollowUpDigest,
    EscalationRule,
    EscalationRun,
  ],
  config: FOLLOWUPS_CONFIG,
  jobs: FOLLOW_UP_JOBS,
  permissions: FOLLOW_UP_PERMISSIONS,
  audit: FOLLOW_UP_AUDIT,
  catalogues: [FOLLOWUPS_CATALOGUE],
};
