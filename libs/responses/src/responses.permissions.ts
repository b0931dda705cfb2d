import { ALL_ROLES, definePermission, Role } from '#rally/access';

/**
 * Every member reads what targets answered (campaigners plan the next letters from it); coordinators, who classify
 * replies and meet ministries, and admins write the log.
 */
export const ResponsePermission = {
  Read: definePermission('responses.read', ALL_ROLES, 'the response log: what targets answered, drafts included'),
  Manage: definePermission(
    'responses.manage',
    [Role.Admin, Role.Coordinator],
    'the response log: record, classify drafts, edit, delete',
  ),
};

export const RESPONSE_PERMISSIONS = Object.values(ResponsePermission);
