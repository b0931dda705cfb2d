import { ALL_ROLES, definePermission, Role } from '#rally/access';

/**
 * Every member reads how ministries answer (campaigners plan the next wave from it); coordinators and admins keep the
 * holiday table the clock skips; only admins make the scoreboard public, since it names ministries in public.
 */
export const ScoreboardPermission = {
  Read: definePermission(
    'scoreboard.read',
    ALL_ROLES,
    'the response-time scoreboard per ministry, supporter-reported answers, the holiday table',
  ),
  Manage: definePermission('scoreboard.manage', [Role.Admin, Role.Coordinator], "the scoreboard's holiday table"),
  Settings: definePermission('scoreboard.settings', [Role.Admin], 'whether the scoreboard is public'),
};

export const SCOREBOARD_PERMISSIONS = Object.values(ScoreboardPermission);
