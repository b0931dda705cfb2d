import { ALL_ROLES, definePermission, Role } from '#rally/access';

/**
 * Every member reads the plan and may own a follow-up, so every member closes their own (done, cancelled);
 * coordinators, who plan the follow-up to ministries' answers, and admins create, assign and edit any. The reminder
 * rules mail every owner, so only admins change them.
 */
export const FollowUpPermission = {
  Read: definePermission(
    'followups.read',
    ALL_ROLES,
    'follow-up actions, their links, the reminder settings, escalation rules and their history',
  ),
  Close: definePermission(
    'followups.close',
    ALL_ROLES,
    'marking a follow-up done, cancelled or open again: their own, or any for coordinators and admins',
  ),
  Manage: definePermission(
    'followups.manage',
    [Role.Admin, Role.Coordinator],
    'follow-up actions: create, assign an owner, edit, delete; escalation rules',
  ),
  Settings: definePermission(
    'followups.settings',
    [Role.Admin],
    'follow-up reminder rules: days before the due date, the daily digest',
  ),
};

export const FOLLOW_UP_PERMISSIONS = Object.values(FollowUpPermission);
